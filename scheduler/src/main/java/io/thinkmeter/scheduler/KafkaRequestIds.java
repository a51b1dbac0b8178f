package io.thinkmeter.scheduler;

import java.nio.charset.StandardCharsets;
import java.util.UUID;

/**
 * The request id of a problem produced to Kafka, derived (a name-based UUID), never drawn at random, so
 * a record read again after a crash gets the id it had, and the scheduler lets that id through once.
 * The names differ from ingest's ("batch", "request", "problem"), so the two never share an id.
 */
final class KafkaRequestIds {

    private KafkaRequestIds() {}

    /**
     * A problem that names its batch and client id: the same problem produced again (a producer's retry
     * without idempotence, a file produced twice) gets the same id and so runs once. The tenant is part
     * of the name, so two tenants using one batch name never share an id.
     */
    static String ofProblem(String tenant, String batch, String clientId) {
        return uuid("kafka-problem\n" + tenant + "\n" + batch + "\n" + clientId);
    }

    /** Any other record: its place in the log, which a replay does not change. */
    static String ofRecord(String topic, int partition, long offset) {
        return uuid("kafka-record\n" + topic + "\n" + partition + "\n" + offset);
    }

    private static String uuid(String name) {
        return UUID.nameUUIDFromBytes(name.getBytes(StandardCharsets.UTF_8)).toString();
    }
}
