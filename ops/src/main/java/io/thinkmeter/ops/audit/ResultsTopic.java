package io.thinkmeter.ops.audit;

import io.thinkmeter.contracts.Json;
import io.thinkmeter.contracts.ProblemResult;
import io.thinkmeter.contracts.Topics;
import io.thinkmeter.storage.TopicRetention;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.utils.Utils;
import org.apache.kafka.common.serialization.StringDeserializer;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Properties;

/**
 * The results topic read once, from its beginning to the end it has when reading starts (the first
 * {@link #hasNext()}), as the results it holds. Committed records only (read_committed: what the sink
 * itself sees). Its own consumer, with no group: it commits nothing and disturbs no service's offsets. A
 * record that is not a readable result is skipped and counted (the sink dead-letters those).
 */
public final class ResultsTopic implements Iterator<ProblemResult>, AutoCloseable, TopicRetention {

    private static final Duration POLL = Duration.ofMillis(500);

    private final KafkaConsumer<String, String> consumer;
    private final Duration patience;
    private final String bootstrapServers;
    private final Deque<ProblemResult> ready = new ArrayDeque<>();
    private Map<TopicPartition, Long> end;
    private Map<TopicPartition, Long> beginning;
    /** Per partition whose oldest records Kafka deleted: the timestamp of its first record still there. */
    private final Map<Integer, Instant> firstRetained = new HashMap<>();
    private Instant readingStarted;
    private long unreadable;

    /** @param patience how long to wait without progress before giving up on reaching the end */
    public ResultsTopic(String bootstrapServers, Duration patience) {
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        p.put(ConsumerConfig.CLIENT_ID_CONFIG, "thinkmeter-audit-verify");
        this.consumer = new KafkaConsumer<>(p, new StringDeserializer(), new StringDeserializer());
        this.patience = patience;
        this.bootstrapServers = bootstrapServers;
    }

    /** Records skipped because they are not a readable result. */
    public long unreadable() {
        return unreadable;
    }

    @Override
    public boolean hasNext() {
        if (end == null) {
            start();
        }
        long lastProgress = System.nanoTime();
        while (ready.isEmpty() && !atEnd()) {
            int before = ready.size();
            boolean moved = pollOnce();
            if (moved || ready.size() > before) {
                lastProgress = System.nanoTime();
            } else if (System.nanoTime() - lastProgress > patience.toNanos()) {
                throw new IllegalStateException("the results topic did not reach its end offsets " + end + " within "
                        + patience.toSeconds() + " s (is the broker at " + bootstrapServers + " reachable?)");
            }
        }
        return !ready.isEmpty();
    }

    @Override
    public ProblemResult next() {
        if (!hasNext()) {
            throw new NoSuchElementException();
        }
        return ready.removeFirst();
    }

    private void start() {
        List<PartitionInfo> partitions = consumer.partitionsFor(Topics.RESULTS, patience);
        if (partitions == null || partitions.isEmpty()) {
            throw new IllegalStateException("the broker has no topic " + Topics.RESULTS);
        }
        List<TopicPartition> assigned = partitions.stream()
                .map(info -> new TopicPartition(info.topic(), info.partition())).toList();
        consumer.assign(assigned);
        consumer.seekToBeginning(assigned);
        // under read_committed, the last stable offset: every record below it is committed or aborted
        end = consumer.endOffsets(assigned, patience);
        beginning = consumer.beginningOffsets(assigned, patience);
        readingStarted = Instant.now();
    }

    /**
     * Workers key each result by its request id and Kafka's default partitioner places it, so the partition a
     * request's result went to is known without reading it; a partition whose log still starts at offset 0 lost
     * nothing. One whose retained part is empty lost everything before this read began.
     */
    @Override
    public Instant retainedSince(String requestId) {
        if (beginning == null) {
            throw new IllegalStateException("read the topic before asking what it retains");
        }
        int partitions = beginning.size();
        int partition = Utils.toPositive(Utils.murmur2(requestId.getBytes(StandardCharsets.UTF_8))) % partitions;
        long start = beginning.getOrDefault(new TopicPartition(Topics.RESULTS, partition), 0L);
        if (start == 0) {
            return null;
        }
        return firstRetained.getOrDefault(partition, readingStarted);
    }

    private boolean atEnd() {
        for (Map.Entry<TopicPartition, Long> e : end.entrySet()) {
            if (consumer.position(e.getKey(), patience) < e.getValue()) {
                return false;
            }
        }
        return true;
    }

    /** @return whether any position moved */
    private boolean pollOnce() {
        Map<TopicPartition, Long> before = new HashMap<>();
        end.keySet().forEach(tp -> before.put(tp, consumer.position(tp, patience)));
        for (ConsumerRecord<String, String> record : consumer.poll(POLL)) {
            TopicPartition tp = new TopicPartition(record.topic(), record.partition());
            if (record.offset() >= end.get(tp)) {
                continue; // produced after reading began: not part of this audit
            }
            if (beginning.get(tp) > 0) {
                firstRetained.putIfAbsent(tp.partition(), Instant.ofEpochMilli(record.timestamp()));
            }
            try {
                ready.addLast(Json.forServices().readValue(record.value(), ProblemResult.class));
            } catch (Exception notAResult) { // no value, not JSON, not the contract
                unreadable++;
            }
        }
        return end.keySet().stream().anyMatch(tp -> consumer.position(tp, patience) != before.get(tp));
    }

    @Override
    public void close() {
        consumer.close(Duration.ofSeconds(5));
    }
}
