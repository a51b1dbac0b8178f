package io.thinkmeter.storage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.thinkmeter.contracts.Method;
import io.thinkmeter.contracts.Pool;
import io.thinkmeter.contracts.ProblemResult;
import io.thinkmeter.contracts.RequestState;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import javax.sql.DataSource;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;

class ResultSinkTest {

    private static DataSource db;
    private static ResultSink sink;
    private static RequestStore requests;

    @BeforeAll
    static void database() throws SQLException {
        db = TestDatabases.migratedDatabase("result_sink");
        sink = new ResultSink(db);
        requests = new RequestStore(db);
    }

    @Test
    void shouldStoreARedeliveredResultOnce() throws SQLException {
        ProblemResult result = Fixtures.result("once-1", "acme");

        assertTrue(sink.store(result));
        assertFalse(sink.store(result));

        assertEquals(1, Fixtures.count(db, "SELECT count(*) FROM results WHERE request_id = 'once-1'"));
        assertEquals(1, Fixtures.count(db, "SELECT count(*) FROM token_ledger WHERE request_id = 'once-1'"));
        assertEquals(40, Fixtures.count(db, "SELECT thinking_tokens FROM token_ledger WHERE request_id = 'once-1'"));
    }

    @Test
    void shouldStoreDuplicatesInsideAndAcrossBatchesOnce() throws SQLException {
        ProblemResult a = Fixtures.result("dup-a", "acme");
        ProblemResult b = Fixtures.result("dup-b", "acme");
        ProblemResult c = Fixtures.result("dup-c", "acme");

        assertEquals(2, sink.storeAll(List.of(a, b, a, a)));
        assertEquals(1, sink.storeAll(List.of(b, c, b)));
        assertEquals(0, sink.storeAll(List.of(c, a, b)));

        assertEquals(3, Fixtures.count(db, "SELECT count(*) FROM results WHERE request_id LIKE 'dup-%'"));
        assertEquals(3, Fixtures.count(db, "SELECT count(*) FROM token_ledger WHERE request_id LIKE 'dup-%'"));
    }

    @Test
    void shouldStoreEachResultOnceWhenTwoConsumersStoreTheSameListsAtOnce() throws Exception {
        List<ProblemResult> forward = IntStream.range(0, 40).mapToObj(i -> Fixtures.result("race-" + i, "acme")).toList();
        List<ProblemResult> backward = new ArrayList<>(forward);
        Collections.reverse(backward);
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            Future<Integer> a = pool.submit(() -> sink.storeAll(forward));
            Future<Integer> b = pool.submit(() -> sink.storeAll(backward));

            assertEquals(40, a.get(30, TimeUnit.SECONDS) + b.get(30, TimeUnit.SECONDS));
        } finally {
            pool.shutdownNow();
        }
        assertEquals(40, Fixtures.count(db, "SELECT count(*) FROM token_ledger WHERE request_id LIKE 'race-%'"));
    }

    @Test
    void shouldStoreNothingOfABatchWhenOneResultIsRefused() throws SQLException {
        ProblemResult good = Fixtures.result("all-or-none-1", "acme");
        ProblemResult noTenant = Fixtures.result("all-or-none-2", null);

        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> sink.storeAll(List.of(good, noTenant)));

        assertTrue(e.getMessage().contains("all-or-none-2") && e.getMessage().contains("tenant"), e.getMessage());
        assertEquals(0, Fixtures.count(db, "SELECT count(*) FROM results WHERE request_id LIKE 'all-or-none-%'"));
    }

    @Test
    void shouldRollBackTheWholeBatchWhenTheDatabaseRefusesOneResult() throws SQLException {
        DataSource own = TestDatabases.migratedDatabase("result_sink_rollback");
        // stands in for any refusal only the database can make (a disk full, a constraint added later)
        Fixtures.execute(own, "ALTER TABLE results ADD CONSTRAINT test_refuses_poison CHECK (final_answer <> 'poison')");
        ProblemResult good = Fixtures.result("rollback-1", "acme");
        ProblemResult poison = withFinalAnswer(Fixtures.result("rollback-2", "acme"), "poison");

        StorageException e = assertThrows(StorageException.class, () -> new ResultSink(own).storeAll(List.of(good, poison)));

        assertTrue(e.getMessage().contains("could not store 2 results"), e.getMessage());
        assertEquals(0, Fixtures.count(own, "SELECT count(*) FROM results"));
        assertEquals(0, Fixtures.count(own, "SELECT count(*) FROM token_ledger"));
    }

    @Test
    void shouldStoreAResultWhoseTextHoldsNulCharacters() throws SQLException {
        // PostgreSQL text cannot hold U+0000, and a byte-level model can emit it
        ProblemResult result = withFinalAnswer(Fixtures.result("nul-1", "acme"), "8\u00003\u00004");

        assertTrue(sink.store(result));

        assertEquals("8\uFFFD3\uFFFD4", Fixtures.text(db, "SELECT final_answer FROM results WHERE request_id = 'nul-1'"));
    }

    @Test
    void shouldKeepAResultWhoseRequestRowIsMissing() throws SQLException {
        assertTrue(sink.store(Fixtures.result("orphan-1", "acme")));

        assertEquals(0, Fixtures.count(db, "SELECT count(*) FROM requests WHERE id = 'orphan-1'"));
        assertEquals("acme", Fixtures.text(db, "SELECT tenant_id FROM results WHERE request_id = 'orphan-1'"));
        assertEquals("b-1", Fixtures.text(db, "SELECT batch_id FROM token_ledger WHERE request_id = 'orphan-1'"));
    }

    @Test
    void shouldMarkTheRequestDoneOrErrorWhenItsResultIsStored() {
        requests.insert(Fixtures.request("state-ok", "acme"));
        requests.insert(Fixtures.request("state-failed", "acme"));

        sink.store(Fixtures.result("state-ok", "acme"));
        sink.store(Fixtures.failed("state-failed", "acme"));

        assertEquals(RequestState.DONE, requests.status("state-ok").orElseThrow().state());
        assertEquals(RequestState.ERROR, requests.status("state-failed").orElseThrow().state());
    }

    @Test
    void shouldDateTheLedgerRowByTheUtcDayTheResultFinished() throws SQLException {
        sink.store(Fixtures.result("late-utc", "acme", null, Pool.LONG, Method.NONE,
                Instant.parse("2026-03-02T23:59:59Z"), 10, 5, 5, 0));

        assertEquals("2026-03-02", Fixtures.text(db, "SELECT day::text FROM token_ledger WHERE request_id = 'late-utc'"));
    }

    @Test
    void shouldChargeAFailedResultItsPromptTokensWithoutATimingRecord() throws SQLException {
        assertTrue(sink.store(Fixtures.failed("no-timings", "acme")));

        assertEquals(12, Fixtures.count(db, "SELECT prompt_tokens FROM token_ledger WHERE request_id = 'no-timings'"));
        assertEquals(1, Fixtures.count(db,
                "SELECT count(*) FROM token_ledger WHERE request_id = 'no-timings' AND day = (now() AT TIME ZONE 'UTC')::date"));
    }

    private static ProblemResult withFinalAnswer(ProblemResult r, String finalAnswer) {
        return new ProblemResult(r.schemaVersion(), r.requestId(), r.clientId(), r.tenant(), r.batch(), r.sequence(),
                finalAnswer, r.thinking(), r.answer(), r.promptTokens(), r.thinkingTokens(), r.answerTokens(),
                r.injectedTokens(), r.generatedTokens(), r.budget(), r.stopReason(), r.model(), r.method(), r.level(),
                r.stopTemperature(), r.pool(), r.worker(), r.timings(), r.error());
    }
}
