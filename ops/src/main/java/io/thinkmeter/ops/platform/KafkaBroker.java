package io.thinkmeter.ops.platform;

/** The platform's Kafka broker, however it runs ({@link Servers}): what the services and tests connect to. */
public interface KafkaBroker extends Supervised {

    /** Partitions of each of the platform's topics: room for a pool's work to be consumed side by side. */
    int PARTITIONS = 3;

    /** The same address before and after a restart, so the services reconnect to it. */
    String bootstrapServers();
}
