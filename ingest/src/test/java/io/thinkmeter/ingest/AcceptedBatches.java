package io.thinkmeter.ingest;

import io.thinkmeter.contracts.BatchAccepted;
import io.thinkmeter.contracts.Json;
import io.thinkmeter.contracts.Topics;
import org.apache.kafka.common.TopicPartition;
import org.eclipse.microprofile.config.ConfigProvider;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;

/** The batches topic as the storage sink reads it (read_committed), parsed strictly. */
final class AcceptedBatches implements AutoCloseable {

    private final CommittedRecords records;

    AcceptedBatches() {
        this(ConfigProvider.getConfig().getValue("kafka.bootstrap.servers", String.class));
    }

    AcceptedBatches(String bootstrapServers) {
        records = new CommittedRecords(bootstrapServers, Topics.BATCHES);
    }

    Map<TopicPartition, Long> mark() {
        return records.mark();
    }

    /** Every batch committed after {@code from}; each record is keyed by its batch id. */
    List<BatchAccepted> since(Map<TopicPartition, Long> from) {
        return records.since(from).stream().map(r -> {
            BatchAccepted b = parse(r.value());
            if (!b.id().equals(r.key())) {
                throw new IllegalStateException("batch " + b.id() + " was published under key " + r.key());
            }
            return b;
        }).toList();
    }

    private static BatchAccepted parse(String json) {
        try {
            return Json.forUsers().readValue(json, BatchAccepted.class);
        } catch (IOException e) {
            throw new UncheckedIOException("ingest produced a batch record the contract cannot read: " + json, e);
        }
    }

    @Override
    public void close() {
        records.close();
    }
}
