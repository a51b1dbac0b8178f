package io.thinkmeter.contracts;

/**
 * The Kafka consumer groups of the platform's services. Whether a group has members is how ingest's
 * readiness (and {@code thinkmeter status}) tells that a service is running, whatever runs it: a
 * thread, a process, a container.
 */
public final class ConsumerGroups {

    /** The scheduler's Kafka Streams application id, which is its consumer group. */
    public static final String SCHEDULER = "thinkmeter-scheduler";
    /** The storage sink. */
    public static final String SINK = "thinkmeter-storage-sink";

    private ConsumerGroups() {}

    /** The workers of one pool share this group, so each request of the pool goes to one of them. */
    public static String workers(Pool pool) {
        return "thinkmeter-workers-" + pool.wireName();
    }
}
