package io.thinkmeter.sink;

import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

/**
 * Commits the consumer's positions, which the sink's loop keeps safe to commit: it polls again only
 * after the last poll's records are stored (or dead-lettered), and rewinds when they are not, so every
 * record below a partition's position is in PostgreSQL. Committing the position rather than the last
 * record's offset + 1 also moves past the commit markers of transactional topics, which would otherwise
 * leave each partition lagging by one for ever.
 *
 * <p>A commit that fails (the broker is down, the group is rebalancing) is logged and tried again on
 * the next call: the records are stored, so if they are delivered again meanwhile, writing them changes
 * nothing.
 */
final class OffsetCommits {

    private static final Logger LOG = LoggerFactory.getLogger(OffsetCommits.class);
    private static final Duration COMMIT_TIMEOUT = Duration.ofSeconds(10);

    /** The last offset Kafka accepted from this sink, per partition, so unchanged positions are not sent again. */
    private final Map<TopicPartition, Long> committed = new HashMap<>();

    /** Call only between polls, never between a poll and the storing of its records. */
    void commit(Consumer<String, String> consumer) {
        Map<TopicPartition, OffsetAndMetadata> due = new HashMap<>();
        for (TopicPartition p : consumer.assignment()) {
            long position;
            try {
                // known without a round trip once the partition has been fetched from; else wait for that
                position = consumer.position(p, Duration.ZERO);
            } catch (KafkaException e) {
                continue;
            }
            Long last = committed.get(p);
            if (last == null || position > last) {
                due.put(p, new OffsetAndMetadata(position));
            }
        }
        if (due.isEmpty()) {
            return;
        }
        try {
            consumer.commitSync(due, COMMIT_TIMEOUT);
            due.forEach((p, offset) -> committed.put(p, offset.offset()));
        } catch (KafkaException e) {
            LOG.warn("committing offsets {} failed, will try again: {}", due, e.toString());
        }
    }
}
