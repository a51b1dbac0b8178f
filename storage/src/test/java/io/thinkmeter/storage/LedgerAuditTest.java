package io.thinkmeter.storage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.thinkmeter.contracts.ProblemResult;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import javax.sql.DataSource;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The auditor's proof, through an auditor's login (views only): a whole ledger passes, and each way of
 * tampering with it as its owner (triggers disabled) is caught, naming the request.
 */
class LedgerAuditTest {

    private static final String AUDITOR = "audit_ledger_verifier";

    private DataSource db;
    private DataSource asAuditor;
    private List<ProblemResult> topic;

    @BeforeAll
    static void auditorLogin() throws SQLException {
        DataSource any = TestDatabases.migratedDatabase("ledger_audit_roles"); // migrating creates thinkmeter_auditor
        // roles are server-wide and the server is shared by all test classes
        Fixtures.execute(any, "DROP ROLE IF EXISTS " + AUDITOR);
        Fixtures.execute(any, "CREATE ROLE " + AUDITOR + " LOGIN PASSWORD 'verifiers-password'");
        Fixtures.execute(any, "GRANT thinkmeter_auditor TO " + AUDITOR);
    }

    @BeforeEach
    void aWholeLedger() throws SQLException {
        db = TestDatabases.migratedDatabase("ledger_audit");
        asAuditor = TestDatabases.server().dataSource(Fixtures.text(db, "SELECT current_database()"), AUDITOR,
                "verifiers-password");
        // a row from before V12, outside any chain, with its results row
        Fixtures.execute(db, """
                INSERT INTO results (request_id, tenant_id, prompt_tokens, thinking_tokens, answer_tokens,
                                     injected_tokens, generated_tokens, budget, stop_reason)
                VALUES ('old-1', 'acme', 5, 3, 2, 0, 5, 64, 'natural');
                INSERT INTO token_ledger (request_id, tenant_id, day, prompt_tokens, thinking_tokens, answer_tokens,
                                          injected_tokens, generated_tokens)
                VALUES ('old-1', 'acme', DATE '2025-06-01', 5, 3, 2, 0, 5);
                """);
        topic = new ArrayList<>();
        topic.add(LedgerChargeTest.result("old-1", "acme", null, null, null, 5, 3, 2, null));
        for (int i = 1; i <= 5; i++) {
            topic.add(LedgerChargeTest.result("acme-" + i, "acme", "tiny-reasoner", "2026-03-02T10:00:00Z",
                    "2026-03-02T10:0" + i + ":00Z", 10 + i, 20 + i, 5, "key-a"));
        }
        for (int i = 1; i <= 3; i++) {
            topic.add(LedgerChargeTest.result("globex-" + i, "globex", "no-price", "2026-03-02T11:00:00Z", null,
                    7, 8 * i, 1, null));
        }
        ResultSink sink = new ResultSink(db);
        sink.storeAll(topic.subList(1, 5));
        topic.subList(5, topic.size()).forEach(sink::store);
        topic.add(topic.get(2)); // a redelivery on the topic
        topic.add(new ProblemResult(1, "poison", null, "acme", null, null, null, null, null, -1, 0, 0, 0, 0, 1,
                io.thinkmeter.contracts.StopReason.NATURAL, null, null, null, null, null, null, null, null));
    }

    private AuditReport verify() {
        return new LedgerAudit(asAuditor).verify(topic.iterator());
    }

    private void asOwner(String tamper) throws SQLException {
        Fixtures.execute(db, "ALTER TABLE token_ledger DISABLE TRIGGER USER; " + tamper
                + "; ALTER TABLE token_ledger ENABLE TRIGGER USER");
    }

    private static String lines(AuditReport report) {
        return report.discrepancies().stream().map(Discrepancy::toString).collect(Collectors.joining("\n"));
    }

    private static List<String> about(AuditReport report, String requestId) {
        return report.discrepancies().stream().filter(d -> requestId.equals(d.requestId()))
                .map(Discrepancy::problem).toList();
    }

    @Test
    void shouldFindAWholeLedgerWholeCountingTheRowsFromBeforeTheChain() {
        AuditReport report = verify();

        assertTrue(report.whole(), lines(report));
        assertEquals(9, report.topicResults());
        assertEquals(9, report.resultRows());
        assertEquals(9, report.ledgerRows());
        assertEquals(8, report.chainedRows());
        assertEquals(1, report.unchainedRows());
        assertEquals(2, report.tenants());
        assertEquals(List.of("poison"), report.refused().stream().map(Discrepancy::requestId).toList());
    }

    @Test
    void shouldCountRowsWhoseResultsTheTopicNoLongerHoldsAsBeyondItsRetentionNotAsMissing() {
        topic.removeIf(r -> r.requestId().equals("acme-1") || r.requestId().equals("globex-2"));

        // Kafka deleted the oldest records of the topic: everything stored so far is older than what it kept
        AuditReport aged = new LedgerAudit(asAuditor).verify(topic.iterator(),
                id -> Instant.now().plus(Duration.ofMinutes(5)));
        assertTrue(aged.whole(), lines(aged));
        assertEquals(2, aged.beyondRetention());
        assertTrue(aged.summary().contains("2 results rows older than the results topic's retention"), aged.summary());

        // a topic that lost nothing, or kept records older than the rows: the rows are missing from it
        for (TopicRetention keptOlder : List.of(TopicRetention.WHOLE, (TopicRetention) id -> Instant.EPOCH)) {
            AuditReport missing = new LedgerAudit(asAuditor).verify(topic.iterator(), keptOlder);
            assertFalse(missing.whole());
            assertTrue(about(missing, "acme-1").stream().anyMatch(p -> p.contains("is not on the results topic")),
                    lines(missing));
            assertTrue(about(missing, "globex-2").stream().anyMatch(p -> p.contains("is not on the results topic")),
                    lines(missing));
        }
    }

    @Test
    void shouldStillCheckARowBeyondTheTopicsRetentionAgainstTheLedger() throws SQLException {
        topic.removeIf(r -> r.requestId().equals("acme-2"));
        asOwner("UPDATE token_ledger SET answer_tokens = answer_tokens + 1 WHERE request_id = 'acme-2'");

        AuditReport report = new LedgerAudit(asAuditor).verify(topic.iterator(),
                id -> Instant.now().plus(Duration.ofMinutes(5)));

        assertFalse(report.whole());
        assertTrue(about(report, "acme-2").stream().anyMatch(p -> p.startsWith("row_hash does not match")), lines(report));
        assertTrue(about(report, "acme-2").stream().anyMatch(p -> p.contains("but its results row has")), lines(report));
    }

    @Test
    void shouldNameTheRequestWhoseLedgerRowWasChanged() throws SQLException {
        assertTrue(verify().whole());

        asOwner("UPDATE token_ledger SET thinking_tokens = thinking_tokens - 10 WHERE request_id = 'acme-3'");
        AuditReport report = verify();

        assertFalse(report.whole());
        List<String> problems = about(report, "acme-3");
        assertTrue(problems.stream().anyMatch(p -> p.startsWith("row_hash does not match the row's content")), lines(report));
        assertTrue(problems.stream().anyMatch(p -> p.startsWith("ledger row has prompt 13, thinking 13,")), lines(report));
        assertTrue(lines(report).contains("request acme-3 (tenant acme, chain_seq 3): "), lines(report));
    }

    @Test
    void shouldNameTheRequestWhoseLedgerRowWasDeleted() throws SQLException {
        assertTrue(verify().whole());

        asOwner("DELETE FROM token_ledger WHERE request_id = 'globex-2'");
        AuditReport report = verify();

        assertFalse(report.whole());
        assertTrue(about(report, "globex-2").stream().anyMatch(p -> p.contains("has no ledger row")), lines(report));
        assertTrue(about(report, "globex-3").contains(
                "chain_seq jumps from 1 to 3: row 2 is missing from the ledger"), lines(report));
    }

    @Test
    void shouldNameTheRequestWhoseResultsRowWasDeleted() throws SQLException {
        assertTrue(verify().whole());

        Fixtures.execute(db, "DELETE FROM results WHERE request_id = 'acme-1'");
        AuditReport report = verify();

        assertFalse(report.whole());
        assertTrue(about(report, "acme-1").stream().anyMatch(p -> p.contains("has no results row")), lines(report));
    }

    @Test
    void shouldNameAResultOnTheTopicWithNoRow() {
        topic.add(LedgerChargeTest.result("never-stored", "globex", "no-price", "2026-03-02T11:00:00Z", null,
                1, 1, 0, null));
        AuditReport report = verify();

        assertFalse(report.whole());
        assertEquals(List.of("on the results topic (prompt 1, thinking 1, answer 0, injected 0, generated 1) but has "
                        + "no results row", "on the results topic (prompt 1, thinking 1, answer 0, injected 0, generated 1)"
                        + " but has no ledger row"), about(report, "never-stored"), lines(report));
        assertTrue(lines(report).contains("(tenant globex): totals disagree"), lines(report));
    }

    @Test
    void shouldNameAResultMovedToAnotherTenant() throws SQLException {
        Fixtures.execute(db, "UPDATE results SET tenant_id = 'globex' WHERE request_id = 'acme-2'");

        AuditReport report = verify();

        assertTrue(about(report, "acme-2").contains("results row belongs to tenant globex but the results topic's "
                + "result to tenant acme"), lines(report));
        assertTrue(about(report, "acme-2").contains("ledger row is charged to tenant acme but its results row belongs "
                + "to tenant globex"), lines(report));
    }

    @Test
    void shouldCatchAChangedRowEvenWhenTheChainAfterItWasRewritten() throws SQLException {
        // the careful forger: changes the ledger and the results row alike and rehashes the chain from there
        Fixtures.execute(db, "UPDATE results SET thinking_tokens = 1, generated_tokens = 6 WHERE request_id = 'globex-3'");
        asOwner("UPDATE token_ledger SET thinking_tokens = 1, generated_tokens = 6 WHERE request_id = 'globex-3'");
        rehash("globex");

        AuditReport report = verify();

        assertFalse(report.whole());
        assertEquals(0, report.discrepancies().stream().filter(d -> d.problem().contains("hash")).count(), lines(report));
        assertTrue(about(report, "globex-3").stream().anyMatch(p -> p.startsWith("results row has prompt 7, thinking 1")),
                lines(report));
    }

    /** Recomputes a tenant's chain as the table now holds it, and writes the hashes back (as a forger would). */
    private void rehash(String tenant) throws SQLException {
        List<LedgerEntry> chain = new ArrayList<>();
        try (var c = db.getConnection(); var ps = c.prepareStatement("SELECT " + LedgerTable.COLUMNS
                + " FROM token_ledger WHERE tenant_id = ? AND chain_seq IS NOT NULL ORDER BY chain_seq")) {
            ps.setString(1, tenant);
            try (var rs = ps.executeQuery()) {
                while (rs.next()) {
                    chain.add(LedgerTable.read(rs));
                }
            }
        }
        String prev = LedgerChain.GENESIS;
        StringBuilder updates = new StringBuilder();
        for (LedgerEntry e : chain) {
            LedgerEntry relinked = e.linked(e.chainSeq(), prev);
            updates.append("UPDATE token_ledger SET prev_hash = '").append(prev).append("', row_hash = '")
                    .append(relinked.rowHash()).append("' WHERE request_id = '").append(e.requestId()).append("';");
            prev = relinked.rowHash();
        }
        asOwner(updates.toString());
    }
}
