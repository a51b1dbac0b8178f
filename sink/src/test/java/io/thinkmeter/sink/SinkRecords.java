package io.thinkmeter.sink;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.thinkmeter.contracts.BatchAccepted;
import io.thinkmeter.contracts.Json;
import io.thinkmeter.contracts.Method;
import io.thinkmeter.contracts.Pool;
import io.thinkmeter.contracts.ProblemRequest;
import io.thinkmeter.contracts.ProblemResult;
import io.thinkmeter.contracts.StopReason;
import io.thinkmeter.contracts.Timings;
import io.thinkmeter.contracts.ReservationReleased;
import io.thinkmeter.contracts.Topics;
import org.apache.kafka.clients.producer.ProducerRecord;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** Records as ingest, the scheduler and the workers put them on the topics the sink reads. */
final class SinkRecords {

    private SinkRecords() {}

    static ProblemRequest request(String id) {
        return new ProblemRequest(ProblemRequest.SCHEMA_VERSION, id, "line-" + id, "acme", "b-" + id.split("-")[0], 0,
                "Compute 478 + 356.", 96, Method.TS, null, 2.0, 8, null, 0, Pool.SHORT, Instant.parse("2026-03-02T10:00:00Z"));
    }

    static ProblemResult result(String requestId) {
        Instant finished = Instant.parse("2026-03-02T10:00:30Z");
        return new ProblemResult(ProblemResult.SCHEMA_VERSION, requestId, "line-" + requestId, "acme", null, 0, "834",
                "478 + 356 = 834", "834", 12, 40, 9, 2, 49, 96, StopReason.NATURAL, "tiny-reasoner", Method.TS, null, 2.0, Pool.SHORT,
                "worker-short-1", new Timings(finished.minusSeconds(30), finished.minusSeconds(2), finished, 28_000L,
                2_000L), null);
    }

    static BatchAccepted batch(String id, int requests) {
        return new BatchAccepted(BatchAccepted.SCHEMA_VERSION, id, "acme", "openai", requests, "key-" + id,
                "sha256-" + id, Instant.parse("2026-03-02T09:59:00Z"));
    }

    static ProducerRecord<String, String> submitted(ProblemRequest r) {
        return new ProducerRecord<>(Topics.SUBMITTED, r.id(), json(r));
    }

    static ProducerRecord<String, String> submitted(ProblemRequest r, int partition) {
        return new ProducerRecord<>(Topics.SUBMITTED, partition, r.id(), json(r));
    }

    static ProducerRecord<String, String> result(ProblemResult r) {
        return new ProducerRecord<>(Topics.RESULTS, r.requestId(), json(r));
    }

    static ProducerRecord<String, String> released(ReservationReleased r) {
        return new ProducerRecord<>(Topics.SPEND_RELEASES, r.requestId(), json(r));
    }

    static ProducerRecord<String, String> batch(BatchAccepted b) {
        return new ProducerRecord<>(Topics.BATCHES, b.id(), json(b));
    }

    /** For each id {@code prefix-0 .. prefix-(n-1)}: its submitted request and its result. */
    static List<ProducerRecord<String, String>> requestsAndResults(String prefix, int n) {
        List<ProducerRecord<String, String>> records = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            String id = prefix + "-" + i;
            records.add(submitted(request(id)));
            records.add(result(result(id)));
        }
        return records;
    }

    static String json(Object payload) {
        try {
            return Json.forServices().writeValueAsString(payload);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
