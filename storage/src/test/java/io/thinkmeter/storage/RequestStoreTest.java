package io.thinkmeter.storage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.thinkmeter.contracts.ChatMessage;
import io.thinkmeter.contracts.Method;
import io.thinkmeter.contracts.ProblemRequest;
import io.thinkmeter.contracts.RejectedRequest;
import io.thinkmeter.contracts.RequestState;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;

class RequestStoreTest {

    private static DataSource db;
    private static RequestStore requests;

    @BeforeAll
    static void database() throws SQLException {
        db = TestDatabases.migratedDatabase("request_store");
        requests = new RequestStore(db);
    }

    @Test
    void shouldInsertARedeliveredRequestOnce() throws SQLException {
        ProblemRequest request = Fixtures.request("req-once", "acme");

        assertTrue(requests.insert(request));
        assertFalse(requests.insert(request));

        assertEquals(1, Fixtures.count(db, "SELECT count(*) FROM requests WHERE id = 'req-once'"));
        assertEquals(new RequestStore.Status(RequestState.SUBMITTED, null), requests.status("req-once").orElseThrow());
    }

    @Test
    void shouldKeepEveryFieldOfTheRequestWithSamplingAsSnakeCaseJson() throws SQLException {
        requests.insert(Fixtures.request("req-fields", "acme"));

        assertEquals("acme|b-1|7|line-7|96|ts|2|8|3|short|2026-03-02 10:00:00+00", Fixtures.text(db, """
                SELECT concat_ws('|', tenant_id, batch_id, sequence, client_id, budget, method, stop_temperature,
                                 answer_reserve, priority, pool, submitted_at AT TIME ZONE 'UTC' || '+00')
                FROM requests WHERE id = 'req-fields'
                """));
        assertEquals("{\"seed\": 42, \"top_k\": 20, \"top_p\": 0.9, \"temperature\": 0.7}",
                Fixtures.text(db, "SELECT sampling::text FROM requests WHERE id = 'req-fields'"));
    }

    @Test
    void shouldKeepTheConversationEndUserAndThinkingLimitsOfAChatRequest() throws SQLException {
        ProblemRequest plain = Fixtures.request("req-chat", "acme");
        ProblemRequest chat = new ProblemRequest(plain.schemaVersion(), plain.id(), plain.clientId(), plain.tenant(),
                plain.batch(), plain.sequence(), "And 2 + 2?", plain.budget(), Method.BUDGET_FORCING, null, null,
                plain.answerReserve(), plain.sampling(), plain.priority(), plain.pool(), plain.submittedAt(),
                List.of(new ChatMessage("user", "Compute 1 + 1."), new ChatMessage("assistant", "2"),
                        new ChatMessage("user", "And 2 + 2?\0")), 0, 12, "student-42");

        assertTrue(requests.insert(chat));

        assertEquals("[{\"role\": \"user\", \"content\": \"Compute 1 + 1.\"}, {\"role\": \"assistant\", \"content\": "
                        + "\"2\"}, {\"role\": \"user\", \"content\": \"And 2 + 2?\ufffd\"}]|student-42|0|12",
                Fixtures.text(db, "SELECT concat_ws('|', messages::text, end_user, thinking_limit, min_thinking) "
                        + "FROM requests WHERE id = 'req-chat'"),
                "the conversation as sent (U+0000, which jsonb cannot hold, as U+FFFD), the end user and the limits");
        requests.insert(Fixtures.request("req-plain", "acme"));
        assertEquals("", Fixtures.text(db, "SELECT concat_ws('|', messages::text, end_user, thinking_limit, "
                + "min_thinking) FROM requests WHERE id = 'req-plain'"),
                "a request that came as a problem has none of them");
    }

    @Test
    void shouldMarkARequestRejectedWithItsReason() {
        requests.insert(Fixtures.request("req-reject", "acme"));
        String reason = "tenant acme: budget 96 exceeds the 40 tokens left of today's quota";

        assertTrue(requests.markRejected("req-reject", reason));
        assertTrue(requests.markRejected("req-reject", reason));

        assertEquals(new RequestStore.Status(RequestState.REJECTED, reason), requests.status("req-reject").orElseThrow());
        assertFalse(requests.markRejected("req-absent", reason));
    }

    @Test
    void shouldRecordARejectionThatArrivesBeforeItsSubmission() {
        ProblemRequest request = Fixtures.request("req-early-reject", "acme");

        requests.reject(new RejectedRequest(1, request, "no pool accepts budget 96"));
        assertFalse(requests.insert(request));

        assertEquals(new RequestStore.Status(RequestState.REJECTED, "no pool accepts budget 96"),
                requests.status("req-early-reject").orElseThrow());
    }

    @Test
    void shouldKeepARejectionWhoseRequestBreaksTheTableConstraints() throws SQLException {
        ProblemRequest request = Fixtures.request("req-budget-0", "acme");
        ProblemRequest broken = new ProblemRequest(1, request.id(), null, "acme", "b9", 0, request.problem(), 0,
                Method.TS, null, null, null, null, 0, null, request.submittedAt());
        requests.reject(new RejectedRequest(1, broken, "budget must be between 1 and 1000000 tokens, was 0"));
        requests.reject(new RejectedRequest(1, broken, "budget must be between 1 and 1000000 tokens, was 0"));
        assertTrue(requests.status("req-budget-0").isEmpty());
        try (var c = db.getConnection(); var s = c.createStatement();
             var rs = s.executeQuery("SELECT count(*), min(reason), min(payload->>'budget') FROM rejections"
                     + " WHERE request_id = 'req-budget-0'")) {
            rs.next();
            assertEquals(1, rs.getInt(1));
            assertEquals("budget must be between 1 and 1000000 tokens, was 0", rs.getString(2));
            assertEquals("0", rs.getString(3));
        }
    }

    @Test
    void shouldStartAsDoneWhenTheResultArrivedFirst() {
        new ResultSink(db).store(Fixtures.result("req-late", "acme"));
        new ResultSink(db).store(Fixtures.failed("req-late-failed", "acme"));

        requests.insert(Fixtures.request("req-late", "acme"));
        requests.insert(Fixtures.request("req-late-failed", "acme"));

        assertEquals(RequestState.DONE, requests.status("req-late").orElseThrow().state());
        assertEquals(RequestState.ERROR, requests.status("req-late-failed").orElseThrow().state());
    }

    @Test
    void shouldRefuseToRejectARequestThatAlreadyRan() {
        requests.insert(Fixtures.request("req-ran", "acme"));
        new ResultSink(db).store(Fixtures.result("req-ran", "acme"));

        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> requests.markRejected("req-ran", "too late"));

        assertTrue(e.getMessage().contains("already done"), e.getMessage());
        assertEquals(RequestState.DONE, requests.status("req-ran").orElseThrow().state());
    }

    @Test
    void shouldRefuseARequestWithoutATenantBeforeWriting() {
        ProblemRequest noTenant = new ProblemRequest(1, "req-no-tenant", null, null, null, null, "2+2?", 10, Method.NONE,
                null, null, null, null, 0, null, null);

        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> requests.insert(noTenant));

        assertTrue(e.getMessage().contains("request req-no-tenant has no tenant"), e.getMessage());
        assertEquals(Optional.empty(), requests.status("req-no-tenant"));
    }

    @Test
    void shouldInsertAPollOfRequestsOnceEachWithOneStatement() throws SQLException {
        ProblemRequest a = Fixtures.request("req-all-a", "acme");
        ProblemRequest b = Fixtures.request("req-all-b", "acme");
        try (Connection c = db.getConnection()) {
            assertEquals(2, RequestStore.insertAll(c, List.of(b, a, b)));
            assertEquals(0, RequestStore.insertAll(c, List.of(a)));
        }
        assertEquals(2, Fixtures.count(db, "SELECT count(*) FROM requests WHERE id LIKE 'req-all-%'"));
    }

    @Test
    void shouldRejectAPollWhetherTheSubmissionCameBeforeOrNot() throws SQLException {
        requests.insert(Fixtures.request("req-rej-stored", "acme"));
        try (Connection c = db.getConnection()) {
            RequestStore.rejectAll(c, List.of(
                    new RejectedRequest(1, Fixtures.request("req-rej-stored", "acme"), "quota spent"),
                    new RejectedRequest(1, Fixtures.request("req-rej-early", "acme"), "quota spent")));
        }
        assertEquals(new RequestStore.Status(RequestState.REJECTED, "quota spent"),
                requests.status("req-rej-stored").orElseThrow());
        assertEquals(new RequestStore.Status(RequestState.REJECTED, "quota spent"),
                requests.status("req-rej-early").orElseThrow());
        assertEquals(2, Fixtures.count(db, "SELECT count(*) FROM rejected_requests WHERE request_id LIKE 'req-rej-%'"));
    }

    @Test
    void shouldRefuseToRejectInAPollARequestThatAlreadyRan() {
        requests.insert(Fixtures.request("req-rej-ran", "acme"));
        new ResultSink(db).store(Fixtures.result("req-rej-ran", "acme"));

        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> requests.reject(
                new RejectedRequest(1, Fixtures.request("req-rej-ran", "acme"), "too late")));

        assertEquals("request req-rej-ran cannot be rejected: it is already done", e.getMessage());
    }

    @Test
    void shouldRefuseAnIdentifierWithANulCharacterRatherThanAlterIt() {
        ProblemRequest r = Fixtures.request("req-nul", "acme");
        ProblemRequest nulTenant = new ProblemRequest(1, r.id(), r.clientId(), "ac\u0000me", r.batch(), r.sequence(),
                r.problem(), r.budget(), r.method(), r.level(), r.stopTemperature(), r.answerReserve(), r.sampling(),
                r.priority(), r.pool(), r.submittedAt());

        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> requests.insert(nulTenant));

        assertEquals("request req-nul has U+0000 in tenant, which PostgreSQL text cannot hold", e.getMessage());
        assertFalse(RequestStore.isStorable(nulTenant));
        assertTrue(RequestStore.meetsTableConstraints(nulTenant));
    }

    @Test
    void shouldRefuseAnIdentifierWithAnUnpairedSurrogateAndKeepAPairedOne() throws SQLException {
        ProblemRequest r = Fixtures.request("req-surrogate", "acme");
        ProblemRequest lone = new ProblemRequest(1, r.id(), "line-\uD83D", r.tenant(), r.batch(), r.sequence(),
                r.problem(), r.budget(), r.method(), r.level(), r.stopTemperature(), r.answerReserve(), r.sampling(),
                r.priority(), r.pool(), r.submittedAt());
        ProblemRequest paired = new ProblemRequest(1, r.id(), "line-\uD83D\uDE00", r.tenant(), r.batch(), r.sequence(),
                r.problem(), r.budget(), r.method(), r.level(), r.stopTemperature(), r.answerReserve(), r.sampling(),
                r.priority(), r.pool(), r.submittedAt());

        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> requests.insert(lone));

        assertEquals("request req-surrogate has an unpaired surrogate in client_id, which UTF-8 cannot encode",
                e.getMessage());
        assertTrue(requests.insert(paired));
        assertEquals("line-\uD83D\uDE00", Fixtures.text(db, "SELECT client_id FROM requests WHERE id = 'req-surrogate'"));
    }
}
