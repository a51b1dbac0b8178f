package io.thinkmeter.workers.service;

import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;

import java.util.HashMap;
import java.util.Map;
import java.util.TreeSet;

/**
 * Which offsets may be committed: for each partition, everything below the oldest record whose
 * result is not yet written. Records finish out of order in a batch, so committing the latest
 * finished offset could skip one still decoding, and a crash would lose it.
 */
final class OffsetTracker {

    private final Map<TopicPartition, TreeSet<Long>> pending = new HashMap<>();
    private final Map<TopicPartition, Long> nextAfterLast = new HashMap<>();
    private final Map<TopicPartition, Long> committed = new HashMap<>();

    /** A record was taken from the partition and is now in flight. */
    void started(TopicPartition partition, long offset) {
        pending.computeIfAbsent(partition, p -> new TreeSet<>()).add(offset);
        nextAfterLast.merge(partition, offset + 1, Math::max);
    }

    /** The record's outcome (result, rejection or dead letter) is written to Kafka. */
    void finished(TopicPartition partition, long offset) {
        TreeSet<Long> set = pending.get(partition);
        if (set == null) {
            return; // the partition was lost in a rebalance; its new owner commits it
        }
        if (!set.remove(offset)) {
            throw new IllegalStateException("offset " + offset + " of " + partition + " was not in flight");
        }
    }

    int inFlight() {
        return pending.values().stream().mapToInt(TreeSet::size).sum();
    }

    /** Offsets to commit now: only partitions whose committable position moved since the last call. */
    Map<TopicPartition, OffsetAndMetadata> toCommit() {
        Map<TopicPartition, OffsetAndMetadata> out = new HashMap<>();
        nextAfterLast.forEach((partition, next) -> {
            TreeSet<Long> set = pending.get(partition);
            long position = set == null || set.isEmpty() ? next : set.first();
            Long previous = committed.get(partition);
            if (previous == null || position > previous) {
                out.put(partition, new OffsetAndMetadata(position));
                committed.put(partition, position);
            }
        });
        return out;
    }

    /** Forgets partitions taken away by a rebalance. */
    void forget(TopicPartition partition) {
        pending.remove(partition);
        nextAfterLast.remove(partition);
        committed.remove(partition);
    }

    boolean hasPending(TopicPartition partition) {
        TreeSet<Long> set = pending.get(partition);
        return set != null && !set.isEmpty();
    }
}
