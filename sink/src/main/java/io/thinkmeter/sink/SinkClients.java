package io.thinkmeter.sink;

import io.thinkmeter.contracts.ConsumerGroups;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

import java.util.HashMap;
import java.util.Map;

/** The sink's Kafka consumer and dead-letter producer, and why each setting is what it is. */
public final class SinkClients {

    private SinkClients() {}

    public static KafkaConsumer<String, String> consumer(String bootstrapServers, SinkSettings settings) {
        Map<String, Object> config = new HashMap<>();
        config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        config.put(ConsumerConfig.GROUP_ID_CONFIG, ConsumerGroups.SINK);
        // offsets are committed by hand, after the database commit that stored the records
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        // ingest and the scheduler write in Kafka transactions: an aborted one must never be stored
        config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        // a dead sink leaves its group within 10 s, which ingest's readiness (group membership) sees
        config.put(ConsumerConfig.SESSION_TIMEOUT_MS_CONFIG, 10_000);
        config.put(ConsumerConfig.HEARTBEAT_INTERVAL_MS_CONFIG, 3_000);
        config.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, settings.maxPollRecords());
        // a poll's worth from one fetch: records of a few kilobytes, four topics of several partitions
        config.put(ConsumerConfig.MAX_PARTITION_FETCH_BYTES_CONFIG, 4 * 1024 * 1024);
        return new KafkaConsumer<>(config, new StringDeserializer(), new StringDeserializer());
    }

    public static KafkaProducer<String, String> deadLetterProducer(String bootstrapServers) {
        Map<String, Object> config = new HashMap<>();
        config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        // while the broker is down a send fails within seconds, and the poll is retried, rather than
        // the sink waiting minutes inside one send
        config.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, 10_000);
        config.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, 10_000);
        config.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 30_000);
        return new KafkaProducer<>(config, new StringSerializer(), new StringSerializer());
    }
}
