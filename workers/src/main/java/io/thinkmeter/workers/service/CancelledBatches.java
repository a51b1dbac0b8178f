package io.thinkmeter.workers.service;

import io.thinkmeter.contracts.BatchCancelled;
import io.thinkmeter.contracts.Json;
import io.thinkmeter.contracts.Topics;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.InterruptException;
import org.apache.kafka.common.errors.WakeupException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The batches whose unstarted requests a worker must skip: the compacted cancellations topic, read
 * whole from the beginning by a consumer of its own (assigned every partition, no group, nothing
 * committed), and kept current by {@link #refresh()} from the worker's loop. A worker takes no work
 * until it has read the topic up to where it ended when it started ({@link #caughtUp()}), so a
 * restarted worker never runs a batch cancelled while it was away. After that a cancellation is seen
 * within one fetch of being written; a request that started decoding before that finishes and is kept.
 */
public final class CancelledBatches implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(CancelledBatches.class);
    /** How long a look for the topic's partitions may hold the worker's loop; tried again next refresh. */
    private static final Duration LOOKUP = Duration.ofMillis(100);
    private static final Duration REFRESH_EVERY = Duration.ofMillis(100);

    private final Consumer<String, String> consumer;
    private final Map<String, BatchCancelled> byBatch = new HashMap<>();
    private boolean assigned;
    private Map<TopicPartition, Long> endAtStart;
    private boolean caughtUp;
    private long lastRefreshNanos;

    /** @param consumer a consumer for this alone: it is assigned the topic's partitions and closed with this */
    public CancelledBatches(Consumer<String, String> consumer) {
        this.consumer = consumer;
    }

    /** Reads what was written since the last call (at most every 100 ms); a broker away is tried again later. */
    public void refresh() {
        long now = System.nanoTime();
        if (caughtUp && now - lastRefreshNanos < REFRESH_EVERY.toNanos()) {
            return;
        }
        lastRefreshNanos = now;
        try {
            if (!assigned && !assign()) {
                return;
            }
            // until caught up the worker waits on this anyway, so a poll may wait a little for records
            for (ConsumerRecord<String, String> record : consumer.poll(caughtUp ? Duration.ZERO : LOOKUP)) {
                remember(record);
            }
            if (!caughtUp) {
                caughtUp = reachedEndAtStart();
            }
        } catch (WakeupException | InterruptException e) {
            throw e;
        } catch (KafkaException e) {
            LOG.debug("cancellations not read this time: {}", e.toString());
        }
    }

    /** Whether the topic has been read up to where it ended at start: only then may work be taken. */
    public boolean caughtUp() {
        return caughtUp;
    }

    private boolean reachedEndAtStart() {
        for (Map.Entry<TopicPartition, Long> end : endAtStart.entrySet()) {
            if (consumer.position(end.getKey(), LOOKUP) < end.getValue()) {
                return false;
            }
        }
        LOG.info("read {} batch cancellation(s); taking work", byBatch.size());
        return true;
    }

    /** Why the batch's unstarted requests must be skipped, or empty when they must run. */
    public Optional<BatchCancelled> of(String batch) {
        return batch == null ? Optional.empty() : Optional.ofNullable(byBatch.get(batch));
    }

    private boolean assign() {
        List<PartitionInfo> partitions = consumer.partitionsFor(Topics.CANCELLATIONS, LOOKUP);
        if (partitions == null || partitions.isEmpty()) {
            return false;
        }
        List<TopicPartition> all = partitions.stream().map(p -> new TopicPartition(p.topic(), p.partition())).toList();
        Map<TopicPartition, Long> ends = consumer.endOffsets(all, LOOKUP);
        consumer.assign(all);
        consumer.seekToBeginning(all);
        endAtStart = Map.copyOf(ends);
        assigned = true;
        return true;
    }

    private void remember(ConsumerRecord<String, String> record) {
        if (record.value() == null) {
            // a tombstone: the batch's cancellation was withdrawn (compaction will drop it)
            byBatch.remove(record.key());
            return;
        }
        try {
            BatchCancelled c = Json.forServices().readValue(record.value(), BatchCancelled.class);
            if (c.batch() != null) {
                byBatch.put(c.batch(), c);
            }
        } catch (Exception e) {
            // not ours to dead-letter: the topic is read whole by every worker; the batch then just runs
            LOG.warn("unreadable cancellation at {}-{}@{} ignored: {}", record.topic(), record.partition(),
                    record.offset(), e.getMessage());
        }
    }

    @Override
    public void close() {
        consumer.close(Duration.ofSeconds(5));
    }
}
