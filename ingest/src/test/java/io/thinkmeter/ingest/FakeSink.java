package io.thinkmeter.ingest;

import io.thinkmeter.contracts.BatchAccepted;
import io.thinkmeter.contracts.Pool;
import io.thinkmeter.contracts.ProblemRequest;
import io.thinkmeter.contracts.ProblemResult;
import io.thinkmeter.contracts.RejectedRequest;
import io.thinkmeter.contracts.StopReason;
import io.thinkmeter.contracts.Timings;
import io.thinkmeter.storage.RequestStore;
import io.thinkmeter.storage.ResultSink;
import org.apache.kafka.common.TopicPartition;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;

/**
 * Plays the storage sink (and a worker) for tests: writes requests, results and rejections with the
 * storage module's own classes, as the real sink will.
 */
final class FakeSink {

    static final Instant FINISHED = Instant.parse("2026-03-02T10:15:30Z");

    private final DataSource dataSource;
    private final RequestStore requests;
    private final ResultSink results;

    FakeSink(DataSource dataSource) {
        this.dataSource = dataSource;
        this.requests = new RequestStore(dataSource);
        this.results = new ResultSink(dataSource);
    }

    /** The batches row, from the batch's record on the batches topic, as the real sink stores it (once). */
    void batch(BatchAccepted batch) {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement("""
                INSERT INTO batches (id, tenant_id, created_at, input_format, request_count, idempotency_key,
                                     fingerprint)
                VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT (id) DO NOTHING
                """)) {
            ps.setString(1, batch.id());
            ps.setString(2, batch.tenant());
            ps.setTimestamp(3, Timestamp.from(batch.createdAt()));
            ps.setString(4, batch.inputFormat());
            ps.setInt(5, batch.requestCount());
            ps.setString(6, batch.idempotencyKey());
            ps.setString(7, batch.fingerprint());
            ps.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException("could not store batch " + batch.id(), e);
        }
    }

    void submitted(ProblemRequest request) {
        requests.insert(request);
    }

    void rejected(ProblemRequest request, String reason) {
        requests.reject(new RejectedRequest(1, request, reason));
    }

    void answered(ProblemRequest request, int prompt, int thinking, int answer) {
        results.store(result(request, prompt, thinking, answer, null));
    }

    void failed(ProblemRequest request, int prompt) {
        results.store(result(request, prompt, 0, 0, "model crashed"));
    }

    /** What a worker answers for a request of a cancelled or expired batch it has not started: nothing ran. */
    void skipped(ProblemRequest r, String errorText) {
        Timings timings = new Timings(r.submittedAt(), null, FINISHED, 0L, 0L);
        results.store(new ProblemResult(ProblemResult.SCHEMA_VERSION, r.id(), r.clientId(), r.tenant(), r.batch(),
                r.sequence(), null, null, null, 0, 0, 0, 0, 0, r.budget(), StopReason.CANCELLED, "tiny-reasoner",
                r.method(), r.level(), r.stopTemperature(), Pool.SHORT, "fake-sink", timings, errorText));
    }

    static ProblemResult result(ProblemRequest r, int prompt, int thinking, int answer, String error) {
        Timings timings = new Timings(r.submittedAt(), FINISHED.minusSeconds(2), FINISHED, 1_000L, 2_000L);
        return new ProblemResult(ProblemResult.SCHEMA_VERSION, r.id(), r.clientId(), r.tenant(), r.batch(),
                r.sequence(), error == null ? "834" : null, error == null ? "478 + 356 = 834" : null,
                error == null ? "834" : null, prompt, thinking, answer, 0, thinking + answer, r.budget(),
                error == null ? StopReason.NATURAL : StopReason.ERROR, "tiny-reasoner", r.method(), r.level(), r.stopTemperature(),
                Pool.SHORT, "fake-sink", timings, error);
    }

    /**
     * In the background: waits until a request with this problem text appears on the submitted topic
     * (after {@code from}), then hands it to {@code action}. For calls that block until an outcome is
     * stored, so the test cannot learn the id first.
     */
    static CompletableFuture<ProblemRequest> whenSubmitted(Map<TopicPartition, Long> from, String problem,
                                                           Consumer<ProblemRequest> action) {
        return whenSubmitted(from, problem, 1, found -> action.accept(found.get(0))).thenApply(found -> found.get(0));
    }

    /**
     * As above, once {@code count} requests with this problem are on the topic (the samples of one chat
     * request), handed over in sample (seed) order.
     */
    static CompletableFuture<List<ProblemRequest>> whenSubmitted(Map<TopicPartition, Long> from, String problem,
                                                                 int count, Consumer<List<ProblemRequest>> action) {
        return CompletableFuture.supplyAsync(() -> {
            try (SubmittedRecords topic = new SubmittedRecords()) {
                long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
                while (System.nanoTime() < deadline) {
                    List<ProblemRequest> found = topic.since(from).stream().map(SubmittedRecords.Submitted::request)
                            .filter(r -> problem.equals(r.problem()))
                            .sorted(Comparator.comparing(r -> r.sampling() == null || r.sampling().seed() == null ? 0L
                                    : r.sampling().seed()))
                            .toList();
                    if (found.size() >= count) {
                        action.accept(found);
                        return found;
                    }
                    sleep(50);
                }
                throw new IllegalStateException("fewer than " + count + " requests with problem '" + problem + "'");
            }
        });
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }
}
