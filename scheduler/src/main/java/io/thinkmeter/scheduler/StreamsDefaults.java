package io.thinkmeter.scheduler;

import io.thinkmeter.contracts.ConsumerGroups;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.errors.LogAndContinueExceptionHandler;

import java.util.Properties;

/** The Kafka Streams configuration the scheduler's topology needs, under the settings it is given. */
public final class StreamsDefaults {

    public static final String DEFAULT_APPLICATION_ID = ConsumerGroups.SCHEDULER;

    /** How long the group waits for a silent scheduler before moving its partitions (heartbeats every 3 s). */
    static final String SESSION_TIMEOUT_MS = "10000";

    private StreamsDefaults() {}

    /**
     * The Kafka Streams configuration: bootstrap.servers is required; application.id defaults to
     * "thinkmeter-scheduler"; exactly-once by default, because a quota reservation replayed after a crash
     * would otherwise be charged twice.
     */
    public static Properties over(Properties properties) {
        Properties streams = new Properties();
        streams.put(StreamsConfig.APPLICATION_ID_CONFIG, DEFAULT_APPLICATION_ID);
        streams.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
        // A scheduler that crashed leaves its partitions to its replacement after 10 s rather than Kafka's
        // 45 s, as the workers' and the sink's consumers do: admissions stall for less after a kill -9.
        streams.put(StreamsConfig.consumerPrefix(ConsumerConfig.SESSION_TIMEOUT_MS_CONFIG), SESSION_TIMEOUT_MS);
        // Values are parsed in the topology; this only guards the keys, which a String serde always reads.
        streams.put(StreamsConfig.DESERIALIZATION_EXCEPTION_HANDLER_CLASS_CONFIG,
                LogAndContinueExceptionHandler.class.getName());
        for (String key : properties.stringPropertyNames()) {
            streams.put(key, properties.getProperty(key));
        }
        String servers = streams.getProperty(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG);
        if (servers == null || servers.isBlank()) {
            throw new IllegalArgumentException("the scheduler needs " + StreamsConfig.BOOTSTRAP_SERVERS_CONFIG);
        }
        return streams;
    }
}
