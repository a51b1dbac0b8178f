package io.thinkmeter.sink;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.thinkmeter.contracts.BatchAccepted;
import io.thinkmeter.contracts.Json;
import io.thinkmeter.contracts.ProblemRequest;
import io.thinkmeter.contracts.ProblemResult;
import io.thinkmeter.contracts.RejectedRequest;
import io.thinkmeter.contracts.ReservationReleased;
import io.thinkmeter.contracts.Topics;
import io.thinkmeter.storage.Fixtures;
import io.thinkmeter.storage.LedgerEntry;
import io.thinkmeter.storage.TestDatabases;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** One poll's transaction against a real PostgreSQL: all at once, or record by record around the poison. */
class PollTransactionTest {

    private static final AtomicLong OFFSETS = new AtomicLong();
    private static DataSource db;

    @BeforeAll
    static void database() {
        db = TestDatabases.migratedDatabase("poll_transaction");
    }

    @Test
    void shouldStoreAPollOfEveryTopicInOneTransaction() throws Exception {
        List<SinkRecord> poll = List.of(
                batch(new BatchAccepted(1, "all-b1", "acme", "thinkmeter", 2, "key-1", "f00d", Instant.now())),
                submitted(Fixtures.request("all-1", "acme")),
                submitted(Fixtures.request("all-2", "acme")),
                rejected(new RejectedRequest(1, Fixtures.request("all-3", "acme"), "no pool accepts budget 96")),
                result(Fixtures.result("all-1", "acme")),
                result(Fixtures.result("all-2", "acme")),
                released(new ReservationReleased(1, "all-4", "acme", "key-1", "all-b1", 2048, "no result within 10m",
                        Instant.parse("2026-03-02T10:00:00Z"), Instant.parse("2026-03-02T10:10:00Z"))));

        PollTransaction.Outcome outcome = store(poll);

        assertEquals(2, outcome.newResults());
        assertEquals(List.of("all-1", "all-2"), outcome.charged().stream().map(LedgerEntry::requestId).sorted().toList());
        assertEquals(List.of(), outcome.refusals());
        assertEquals(2048, Fixtures.count(db, "SELECT reserved_tokens FROM reservation_releases WHERE request_id = 'all-4'"));
        assertEquals(1, Fixtures.count(db, "SELECT count(*) FROM batches WHERE id = 'all-b1'"));
        assertEquals(2, Fixtures.count(db, "SELECT count(*) FROM requests WHERE id IN ('all-1', 'all-2') AND state = 'done'"));
        assertEquals("rejected", Fixtures.text(db, "SELECT state FROM requests WHERE id = 'all-3'"));
        assertEquals(2, Fixtures.count(db, "SELECT count(*) FROM token_ledger WHERE request_id LIKE 'all-%'"));

        assertEquals(new PollTransaction.Outcome(0, List.of(), List.of()), store(poll), "a redelivered poll changes nothing");
        assertEquals(2, Fixtures.count(db, "SELECT count(*) FROM results WHERE request_id LIKE 'all-%'"));
        assertEquals(1, Fixtures.count(db, "SELECT count(*) FROM reservation_releases WHERE request_id LIKE 'all-%'"));
    }

    @Test
    void shouldStoreEveryGoodRecordAndRefuseEachPoisonOneWithItsReason() throws Exception {
        ProblemRequest good = Fixtures.request("poison-good-1", "acme");
        ProblemRequest nul = withClientId(Fixtures.request("poison-nul", "acme"), "line\u00007");
        ProblemRequest farFuture = withSubmittedAt(Fixtures.request("poison-year", "acme"),
                Instant.parse("+300000-01-01T00:00:00Z"));
        ProblemResult negative = withPromptTokens(Fixtures.result("poison-negative", "acme"), -1);
        ReservationReleased negativeRelease = new ReservationReleased(1, "poison-release", "acme", null, null, -5,
                "no result", null, Instant.now());
        List<SinkRecord> poll = List.of(submitted(good), submitted(nul), result(Fixtures.result("poison-good-1", "acme")),
                submitted(farFuture), result(negative), released(negativeRelease),
                submitted(Fixtures.request("poison-good-2", "acme")));

        PollTransaction.Outcome outcome = store(poll);

        assertEquals(1, outcome.newResults());
        List<String> refused = outcome.refusals().stream().map(r -> r.source().key()).toList();
        assertEquals(List.of("poison-nul", "poison-year", "poison-negative", "poison-release"), refused);
        assertTrue(outcome.refusals().get(3).reason().contains("negative reserved_tokens"), outcome.refusals().get(3).reason());
        String nulReason = outcome.refusals().get(0).reason();
        String yearReason = outcome.refusals().get(1).reason();
        assertEquals("storage: request poison-nul has U+0000 in client_id, which PostgreSQL text cannot hold", nulReason);
        assertTrue(yearReason.startsWith("storage: ") && yearReason.contains("timestamp out of range"), yearReason);
        assertTrue(outcome.refusals().get(2).reason().contains("negative token count"), outcome.refusals().get(2).reason());
        assertEquals(2, Fixtures.count(db, "SELECT count(*) FROM requests WHERE id LIKE 'poison-good-%'"));
        assertEquals(0, Fixtures.count(db, "SELECT count(*) FROM requests WHERE id IN ('poison-nul', 'poison-year')"));
        assertEquals(nulReason, Fixtures.text(db, "SELECT reason FROM rejected_requests WHERE request_id = 'poison-nul'"));
        assertEquals(yearReason, Fixtures.text(db, "SELECT reason FROM rejected_requests WHERE request_id = 'poison-year'"));
        assertEquals("line\uFFFD7", Fixtures.text(db, "SELECT payload->>'client_id' FROM rejections WHERE request_id = 'poison-nul'"));
        assertEquals(0, Fixtures.count(db, "SELECT count(*) FROM rejections WHERE request_id = 'poison-negative'"),
                "only requests are filed in rejections");

        PollTransaction.Outcome again = store(poll);
        assertEquals(refused, again.refusals().stream().map(r -> r.source().key()).toList());
        assertEquals(0, again.newResults());
        assertEquals(2, Fixtures.count(db, "SELECT count(*) FROM rejections WHERE request_id LIKE 'poison-%'"));
    }

    @Test
    void shouldRefuseARejectionOfARequestThatAlreadyRan() throws Exception {
        store(List.of(submitted(Fixtures.request("ran-1", "acme")), result(Fixtures.result("ran-1", "acme"))));

        PollTransaction.Outcome outcome = store(List.of(
                rejected(new RejectedRequest(1, Fixtures.request("ran-1", "acme"), "too late")),
                submitted(Fixtures.request("ran-2", "acme"))));

        assertEquals(1, outcome.refusals().size());
        assertEquals("storage: request ran-1 cannot be rejected: it is already done", outcome.refusals().get(0).reason());
        assertEquals("done", Fixtures.text(db, "SELECT state FROM requests WHERE id = 'ran-1'"));
        assertEquals(1, Fixtures.count(db, "SELECT count(*) FROM requests WHERE id = 'ran-2'"));
    }

    @Test
    void shouldRefuseNothingWhenTheDatabaseIsUnreachable() throws Exception {
        Connection closed = db.getConnection();
        closed.setAutoCommit(false);
        closed.close();

        SQLException e = assertThrows(SQLException.class, () -> PollTransaction.store(closed,
                List.of(submitted(Fixtures.request("unreachable-1", "acme")))));

        assertEquals(FailureClassifier.Kind.RETRIABLE, FailureClassifier.classify(e));
        assertEquals(0, Fixtures.count(db, "SELECT count(*) FROM requests WHERE id = 'unreachable-1'"));
    }

    private static PollTransaction.Outcome store(List<SinkRecord> poll) throws SQLException {
        try (Connection c = db.getConnection()) {
            c.setAutoCommit(false);
            return PollTransaction.store(c, poll);
        }
    }

    private static SinkRecord submitted(ProblemRequest r) throws JsonProcessingException {
        return read(Topics.SUBMITTED, r.id(), r);
    }

    private static SinkRecord rejected(RejectedRequest r) throws JsonProcessingException {
        return read(Topics.REJECTED, r.request().id(), r);
    }

    private static SinkRecord result(ProblemResult r) throws JsonProcessingException {
        return read(Topics.RESULTS, r.requestId(), r);
    }

    private static SinkRecord released(ReservationReleased r) throws JsonProcessingException {
        return read(Topics.SPEND_RELEASES, r.requestId(), r);
    }

    private static SinkRecord batch(BatchAccepted b) throws JsonProcessingException {
        return read(Topics.BATCHES, b.id(), b);
    }

    /** Through the reader, as the sink does: a record as the topic would carry it. */
    private static SinkRecord read(String topic, String key, Object payload) throws JsonProcessingException {
        ConsumerRecord<String, String> record = new ConsumerRecord<>(topic, 0, OFFSETS.incrementAndGet(), key,
                Json.forServices().writeValueAsString(payload));
        return RecordReader.read(record).orElseThrow();
    }

    static ProblemRequest withClientId(ProblemRequest r, String clientId) {
        return new ProblemRequest(r.schemaVersion(), r.id(), clientId, r.tenant(), r.batch(), r.sequence(), r.problem(),
                r.budget(), r.method(), r.level(), r.stopTemperature(), r.answerReserve(), r.sampling(), r.priority(),
                r.pool(), r.submittedAt());
    }

    static ProblemRequest withSubmittedAt(ProblemRequest r, Instant submittedAt) {
        return new ProblemRequest(r.schemaVersion(), r.id(), r.clientId(), r.tenant(), r.batch(), r.sequence(),
                r.problem(), r.budget(), r.method(), r.level(), r.stopTemperature(), r.answerReserve(), r.sampling(),
                r.priority(), r.pool(), submittedAt);
    }

    private static ProblemResult withPromptTokens(ProblemResult r, int prompt) {
        return new ProblemResult(r.schemaVersion(), r.requestId(), r.clientId(), r.tenant(), r.batch(), r.sequence(),
                r.finalAnswer(), r.thinking(), r.answer(), prompt, r.thinkingTokens(), r.answerTokens(),
                r.injectedTokens(), r.generatedTokens(), r.budget(), r.stopReason(), r.model(), r.method(), r.level(),
                r.stopTemperature(), r.pool(), r.worker(), r.timings(), r.error());
    }
}
