package io.thinkmeter.storage.sink;

import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The offsets of records already stored, committed to Kafka after the database commit. A commit that
 * fails (the broker is down, the group is rebalancing) is kept and tried again on the next loop: the
 * records are in PostgreSQL, so if they are delivered again meanwhile, writing them changes nothing.
 */
final class OffsetCommits {

    private static final Logger LOG = LoggerFactory.getLogger(OffsetCommits.class);
    private static final Duration COMMIT_TIMEOUT = Duration.ofSeconds(10);

    private final Map<TopicPartition, OffsetAndMetadata> pending = new HashMap<>();

    /** The records are stored: their offsets are due. */
    void stored(ConsumerRecords<String, String> records) {
        for (TopicPartition p : records.partitions()) {
            List<ConsumerRecord<String, String>> list = records.records(p);
            OffsetAndMetadata next = new OffsetAndMetadata(list.get(list.size() - 1).offset() + 1);
            pending.merge(p, next, (a, b) -> a.offset() >= b.offset() ? a : b);
        }
    }

    /** Commits what is due; on failure logs and keeps it for the next call. */
    void commit(Consumer<String, String> consumer) {
        // a partition the group gave to another member is that member's to commit now
        pending.keySet().retainAll(consumer.assignment());
        if (pending.isEmpty()) {
            return;
        }
        try {
            consumer.commitSync(new HashMap<>(pending), COMMIT_TIMEOUT);
            pending.clear();
        } catch (KafkaException e) {
            LOG.warn("committing offsets {} failed, will try again: {}", pending, e.toString());
        }
    }

    boolean isEmpty() {
        return pending.isEmpty();
    }
}
