package io.thinkmeter.storage;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.thinkmeter.contracts.BatchAccepted;
import io.thinkmeter.contracts.Level;
import io.thinkmeter.contracts.Method;
import io.thinkmeter.contracts.Pool;
import io.thinkmeter.contracts.ProblemRequest;
import io.thinkmeter.contracts.ProblemResult;
import io.thinkmeter.contracts.RejectedRequest;
import io.thinkmeter.contracts.RequestState;
import io.thinkmeter.contracts.StopReason;
import io.thinkmeter.contracts.Timings;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import javax.sql.DataSource;
import java.sql.Connection;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;

/** What storage writes to its tables it reads back unchanged, through the same classes. */
class StoredResultsTest {

    private static DataSource db;
    private static StoredResults stored;

    @BeforeAll
    static void database() {
        db = TestDatabases.migratedDatabase("stored_results");
        stored = new StoredResults(db);
    }

    @Test
    void shouldReadBackEveryColumnOfAStoredResult() {
        ProblemResult tldr = Fixtures.result("read-tldr", "acme", "b-read", Pool.LONG, Method.TLDR, Fixtures.FINISHED,
                12, 40, 9, 2);
        ProblemResult forced = new ProblemResult(1, "read-forced", null, "acme", null, null, "7", "think", "answer",
                3, 4, 5, 1, 9, 10, StopReason.FORCED_AT_CAP, "tiny-reasoner", Method.BUDGET_FORCING, Level.SHORT, null,
                Pool.SHORT, "w", new Timings(null, Instant.parse("2026-03-02T10:00:00.123456Z"), null, null, 0L), null);
        new ResultSink(db).storeAll(List.of(tldr, forced, Fixtures.failed("read-failed", "acme")));

        assertEquals(Optional.of(tldr), stored.find("acme", "read-tldr"));
        assertEquals(Optional.of(forced), stored.find("acme", "read-forced"));
        assertEquals(StopReason.ERROR, stored.find("acme", "read-failed").orElseThrow().stopReason());
        assertEquals(Optional.empty(), stored.find("globex", "read-tldr"), "another tenant's result looks unknown");
    }

    @Test
    void shouldPageStreamCountAndTotalABatchInInputOrder() throws Exception {
        List<ProblemResult> batch = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            ProblemResult r = Fixtures.result("page-" + i, "acme", "b-page", Pool.MEDIUM, Method.TS, Fixtures.FINISHED,
                    10, 20 + i, 5, 0);
            batch.add(withSequence(r, 4 - i));
        }
        new ResultSink(db).storeAll(batch);
        List<ProblemResult> inOrder = new ArrayList<>(batch);
        Collections.reverse(inOrder);

        assertEquals(5, stored.count("acme", "b-page"));
        assertEquals(inOrder.subList(2, 4), stored.page("acme", "b-page", 2, 2));
        List<ProblemResult> streamed = new ArrayList<>();
        stored.forEach("acme", "b-page", streamed::add);
        assertEquals(inOrder, streamed);
        assertEquals(new StoredResults.BatchTotals(5, 0, 0, 50, 5 * 25 + 10, 110, 25, 0), stored.totals("acme", "b-page"));
        assertEquals(0, stored.count("globex", "b-page"));
    }

    @Test
    void shouldCountARejectionThatNoResultOvertook() throws Exception {
        ProblemRequest rejected = Fixtures.request("totals-rejected", "acme");
        try (Connection c = db.getConnection()) {
            RequestStore.rejectAll(c, List.of(new RejectedRequest(1, rejected, "quota spent")));
        }

        assertEquals(1, stored.totals("acme", rejected.batch()).rejected());
    }

    @Test
    void shouldReadTheStateAndTheSubmissionOfARequestWithinItsTenant() {
        RequestStore requests = new RequestStore(db);
        ProblemRequest r = Fixtures.request("lookup-1", "acme");
        requests.insert(r);

        assertEquals(Optional.of(new RequestStore.Status(RequestState.SUBMITTED, null)), requests.status("acme", "lookup-1"));
        assertEquals(Optional.of(new RequestStore.Submitted(r.problem(), r.budget(), Method.TS)),
                requests.submitted("acme", "lookup-1"));
        assertEquals(Optional.empty(), requests.status("globex", "lookup-1"));
        assertEquals(Optional.empty(), requests.submitted("globex", "lookup-1"));
    }

    @Test
    void shouldReadBackABatchAsItWasAccepted() throws Exception {
        BatchAccepted batch = new BatchAccepted(1, "b-find", "acme", "openai", 12, "nightly-8", "9f86d081",
                Instant.parse("2026-03-02T10:00:00Z"));
        try (Connection c = db.getConnection()) {
            AcceptedBatches.storeAll(c, List.of(batch));
        }

        assertEquals(Optional.of(batch), AcceptedBatches.find(db, "acme", "b-find"));
        assertEquals(Optional.empty(), AcceptedBatches.find(db, "globex", "b-find"));
    }

    private static ProblemResult withSequence(ProblemResult r, int sequence) {
        return new ProblemResult(r.schemaVersion(), r.requestId(), r.clientId(), r.tenant(), r.batch(), sequence,
                r.finalAnswer(), r.thinking(), r.answer(), r.promptTokens(), r.thinkingTokens(), r.answerTokens(),
                r.injectedTokens(), r.generatedTokens(), r.budget(), r.stopReason(), r.model(), r.method(), r.level(),
                r.stopTemperature(), r.pool(), r.worker(), r.timings(), r.error());
    }
}
