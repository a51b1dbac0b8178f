package io.thinkmeter.workers.service;

import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;

import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Which offsets may be committed: for each partition, everything below the oldest record whose
 * outcome is not yet acknowledged by Kafka. Records finish out of order in a batch, so committing the
 * latest finished offset could skip one still decoding, and a crash would lose it.
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

    /** The record's outcome (result, error result or dead letter) is acknowledged by Kafka. */
    void finished(TopicPartition partition, long offset) {
        TreeSet<Long> set = pending.get(partition);
        if (set == null) {
            return; // the partition was lost in a rebalance; its new owner commits it
        }
        // Not pending: forgotten with its partition, which came back since (seen after a broker outage
        // longer than the delivery timeout, when the outbox's resend lands after the rebalance). It is
        // redelivered from the committed offset, and nothing pending is committed past: nothing to do.
        set.remove(offset);
    }

    /**
     * The consumer has read the partition up to {@code position}. With nothing pending there, that is
     * what to commit: a transactional topic's commit marker sits after the last record, and committing
     * only last + 1 would leave every partition lagging by one for ever.
     */
    void readUpTo(TopicPartition partition, long position) {
        if (!hasPending(partition)) {
            nextAfterLast.merge(partition, position, Math::max);
        }
    }

    int inFlight() {
        return pending.values().stream().mapToInt(TreeSet::size).sum();
    }

    /** The partitions this tracker has seen records of. */
    Set<TopicPartition> partitions() {
        return nextAfterLast.keySet();
    }

    /** Offsets to commit now: only partitions whose committable position moved since the last commit. */
    Map<TopicPartition, OffsetAndMetadata> toCommit() {
        Map<TopicPartition, OffsetAndMetadata> out = new HashMap<>();
        nextAfterLast.forEach((partition, next) -> {
            TreeSet<Long> set = pending.get(partition);
            long position = set == null || set.isEmpty() ? next : set.first();
            Long previous = committed.get(partition);
            if (previous == null || position > previous) {
                out.put(partition, new OffsetAndMetadata(position));
            }
        });
        return out;
    }

    /** Kafka accepted the commit of these positions; a failed commit is simply offered again next time. */
    void committed(Map<TopicPartition, OffsetAndMetadata> positions) {
        positions.forEach((partition, position) -> {
            if (nextAfterLast.containsKey(partition)) {
                committed.merge(partition, position.offset(), Math::max);
            }
        });
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
