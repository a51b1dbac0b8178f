package io.thinkmeter.ingest;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ListOffsetsOptions;
import org.apache.kafka.clients.admin.ListOffsetsResult;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.CloseOptions;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.IsolationLevel;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Reads one topic as every downstream consumer does, read_committed: only records of committed
 * transactions.
 *
 * <p>Ingest answers once its transaction is committed, but Kafka writes the commit markers into the
 * topic's partitions a moment later, and only then do read_committed readers see the records. So
 * {@link #mark} and {@link #since} first wait until the topic has settled: no partition has a
 * transaction without its marker (its last stable offset is its end). Then {@link #since} reads
 * exactly what was committed between two marks, and "nothing was produced" is exact too.
 */
final class CommittedRecords implements AutoCloseable {

    /** Beyond the broker's abort of a transaction a failed producer left open (ingest's: 30 s). */
    private static final Duration SETTLE_TIMEOUT = Duration.ofSeconds(60);

    private final String topic;
    private final KafkaConsumer<String, String> consumer;
    private final Admin admin;
    private final List<TopicPartition> partitions = new ArrayList<>();

    CommittedRecords(String bootstrapServers, String topic) {
        this.topic = topic;
        consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false,
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed"),
                new StringDeserializer(), new StringDeserializer());
        admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers));
        for (PartitionInfo p : consumer.partitionsFor(topic, Duration.ofSeconds(30))) {
            partitions.add(new TopicPartition(p.topic(), p.partition()));
        }
        consumer.assign(partitions);
    }

    /** The topic's end offsets once it has settled. */
    Map<TopicPartition, Long> mark() {
        long deadline = System.nanoTime() + SETTLE_TIMEOUT.toNanos();
        while (true) {
            Map<TopicPartition, Long> committed = ends(IsolationLevel.READ_COMMITTED);
            if (committed.equals(ends(IsolationLevel.READ_UNCOMMITTED))) {
                return new HashMap<>(committed);
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException(topic + " still has an open transaction after "
                        + SETTLE_TIMEOUT.toSeconds() + " s: committed " + committed);
            }
            sleep(20);
        }
    }

    /** Every committed record after {@code from} and before now, in offset order per partition. */
    List<ConsumerRecord<String, String>> since(Map<TopicPartition, Long> from) {
        Map<TopicPartition, Long> to = mark();
        List<ConsumerRecord<String, String>> records = new ArrayList<>();
        for (TopicPartition p : partitions) {
            consumer.seek(p, from.getOrDefault(p, 0L));
        }
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (!reached(to) && System.nanoTime() < deadline) {
            for (ConsumerRecord<String, String> r : consumer.poll(Duration.ofMillis(200))) {
                if (r.offset() < to.get(new TopicPartition(r.topic(), r.partition()))) {
                    records.add(r);
                }
            }
        }
        if (!reached(to)) {
            throw new IllegalStateException("could not read " + topic + " up to " + to);
        }
        return records;
    }

    private Map<TopicPartition, Long> ends(IsolationLevel isolation) {
        ListOffsetsResult result = admin.listOffsets(
                partitions.stream().collect(Collectors.toMap(Function.identity(), p -> OffsetSpec.latest())),
                new ListOffsetsOptions(isolation));
        try {
            return result.all().get(30, TimeUnit.SECONDS).entrySet().stream()
                    .collect(Collectors.toMap(Map.Entry::getKey, e -> e.getValue().offset()));
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("could not read the end offsets of " + topic, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private boolean reached(Map<TopicPartition, Long> to) {
        for (TopicPartition p : partitions) {
            if (consumer.position(p) < to.get(p)) {
                return false;
            }
        }
        return true;
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        consumer.close(CloseOptions.timeout(Duration.ofSeconds(5)));
        admin.close(Duration.ofSeconds(5));
    }
}
