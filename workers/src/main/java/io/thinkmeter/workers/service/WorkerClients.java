package io.thinkmeter.workers.service;

import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/** The Kafka clients of one pool worker, configured for at-least-once work that is never lost. */
public final class WorkerClients {

    private WorkerClients() {}

    public static Consumer<String, String> consumer(WorkerConfig config) {
        Map<String, Object> c = new HashMap<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, config.bootstrapServers(),
                ConsumerConfig.GROUP_ID_CONFIG, config.groupId(),
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false,
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                ConsumerConfig.MAX_POLL_RECORDS_CONFIG, config.maxInFlight(),
                ConsumerConfig.CLIENT_ID_CONFIG, config.workerId(),
                // the scheduler writes work in transactions: an aborted one must never be decoded (and paid for)
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed",
                // a dead worker leaves its pool's group soon, so its requests move on and readiness shows it
                ConsumerConfig.SESSION_TIMEOUT_MS_CONFIG, 10_000,
                ConsumerConfig.HEARTBEAT_INTERVAL_MS_CONFIG, 3_000));
        c.putAll(only(ConsumerConfig.configNames(), config.clientOverrides()));
        return new KafkaConsumer<>(c, new StringDeserializer(), new StringDeserializer());
    }

    /** For {@link CancelledBatches}: no group (it is assigned every partition and commits nothing). */
    public static Consumer<String, String> cancellationsConsumer(WorkerConfig config) {
        Map<String, Object> c = new HashMap<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, config.bootstrapServers(),
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false,
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                ConsumerConfig.CLIENT_ID_CONFIG, config.workerId() + "-cancellations",
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed"));
        Map<String, Object> overrides = only(ConsumerConfig.configNames(), config.clientOverrides());
        overrides.remove(ConsumerConfig.GROUP_ID_CONFIG);
        c.putAll(overrides);
        return new KafkaConsumer<>(c, new StringDeserializer(), new StringDeserializer());
    }

    public static Producer<String, String> producer(WorkerConfig config) {
        Map<String, Object> p = new HashMap<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, config.bootstrapServers(),
                ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true,
                ProducerConfig.LINGER_MS_CONFIG, 5,
                ProducerConfig.CLIENT_ID_CONFIG, config.workerId() + "-results",
                // a send waiting for a broker that is down must not stall decoding; the outbox sends it again
                ProducerConfig.MAX_BLOCK_MS_CONFIG, 5_000));
        p.putAll(only(ProducerConfig.configNames(), config.clientOverrides()));
        return new KafkaProducer<>(p, new StringSerializer(), new StringSerializer());
    }

    /** The overrides one kind of client knows: the others would only draw "unknown config" warnings. */
    private static Map<String, Object> only(Set<String> names, Map<String, Object> overrides) {
        Map<String, Object> out = new HashMap<>();
        overrides.forEach((k, v) -> {
            if (names.contains(k)) {
                out.put(k, v);
            }
        });
        return out;
    }
}
