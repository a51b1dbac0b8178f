package io.thinkmeter.ingest;

import io.thinkmeter.contracts.Json;
import io.thinkmeter.contracts.ProblemRequest;
import io.thinkmeter.contracts.Topics;
import org.apache.kafka.clients.consumer.CloseOptions;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.eclipse.microprofile.config.ConfigProvider;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads the submitted topic the way a downstream consumer would. Ingest answers only after Kafka
 * acknowledged, so once a call has returned its records lie below the topic's end offsets:
 * {@link #since} reads exactly what was produced between two marks, no waiting and guessing.
 */
final class SubmittedRecords implements AutoCloseable {

    /** A record as produced: its key and its payload. */
    record Submitted(String key, ProblemRequest request) {}

    private final KafkaConsumer<String, String> consumer;
    private final List<TopicPartition> partitions = new ArrayList<>();

    SubmittedRecords() {
        consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
                ConfigProvider.getConfig().getValue("kafka.bootstrap.servers", String.class),
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false),
                new StringDeserializer(), new StringDeserializer());
        for (PartitionInfo p : consumer.partitionsFor(Topics.SUBMITTED, Duration.ofSeconds(30))) {
            partitions.add(new TopicPartition(p.topic(), p.partition()));
        }
        consumer.assign(partitions);
    }

    /** The topic's end offsets now. */
    Map<TopicPartition, Long> mark() {
        return new HashMap<>(consumer.endOffsets(partitions, Duration.ofSeconds(30)));
    }

    /** Every record produced after {@code from} and before now, in offset order per partition. */
    List<Submitted> since(Map<TopicPartition, Long> from) {
        Map<TopicPartition, Long> to = mark();
        List<Submitted> records = new ArrayList<>();
        for (TopicPartition p : partitions) {
            consumer.seek(p, from.getOrDefault(p, 0L));
        }
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (!reached(to) && System.nanoTime() < deadline) {
            for (ConsumerRecord<String, String> r : consumer.poll(Duration.ofMillis(200))) {
                if (r.offset() < to.get(new TopicPartition(r.topic(), r.partition()))) {
                    records.add(new Submitted(r.key(), parse(r.value())));
                }
            }
        }
        if (!reached(to)) {
            throw new IllegalStateException("could not read " + Topics.SUBMITTED + " up to " + to);
        }
        return records;
    }

    private boolean reached(Map<TopicPartition, Long> to) {
        for (TopicPartition p : partitions) {
            if (consumer.position(p) < to.get(p)) {
                return false;
            }
        }
        return true;
    }

    private static ProblemRequest parse(String json) {
        try {
            // strict: a field the contract does not know is a bug in what ingest produced
            return Json.forUsers().readValue(json, ProblemRequest.class);
        } catch (IOException e) {
            throw new UncheckedIOException("ingest produced a record the contract cannot read: " + json, e);
        }
    }

    @Override
    public void close() {
        consumer.close(CloseOptions.timeout(Duration.ofSeconds(5)));
    }
}
