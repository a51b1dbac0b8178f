package io.thinkmeter.ingest;

import io.thinkmeter.contracts.Json;
import io.thinkmeter.contracts.ProblemRequest;
import io.thinkmeter.contracts.Topics;
import org.apache.kafka.common.TopicPartition;
import org.eclipse.microprofile.config.ConfigProvider;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;

/** The submitted topic as a downstream consumer reads it (read_committed), parsed strictly. */
final class SubmittedRecords implements AutoCloseable {

    /** A record as produced: its key and its payload. */
    record Submitted(String key, ProblemRequest request) {}

    private final CommittedRecords records;

    /** On the broker the service under test uses. */
    SubmittedRecords() {
        this(ConfigProvider.getConfig().getValue("kafka.bootstrap.servers", String.class));
    }

    SubmittedRecords(String bootstrapServers) {
        records = new CommittedRecords(bootstrapServers, Topics.SUBMITTED);
    }

    /** The topic's end offsets now. */
    Map<TopicPartition, Long> mark() {
        return records.mark();
    }

    /** Every request committed after {@code from} and before now, in offset order per partition. */
    List<Submitted> since(Map<TopicPartition, Long> from) {
        return records.since(from).stream().map(r -> new Submitted(r.key(), parse(r.value()))).toList();
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
        records.close();
    }
}
