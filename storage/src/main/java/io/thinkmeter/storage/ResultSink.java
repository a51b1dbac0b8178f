package io.thinkmeter.storage;

import io.thinkmeter.contracts.ProblemResult;
import io.thinkmeter.contracts.Timings;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Stores worker results and charges them to the token ledger, exactly once per request id. Kafka
 * delivers at least once, so the same result can arrive again after a consumer restart; the second
 * copy finds the request id taken and changes nothing.
 *
 * <p>The result row, its ledger row and the request's new state are written in one transaction. The
 * ledger row is copied from the stored result row, so the two can never disagree. A result whose
 * request row is missing (topics arrive in any order) is still stored; {@link RequestStore} marks the
 * request done when its row arrives later.
 */
public final class ResultSink {

    private static final String INSERT_RESULT = """
            INSERT INTO results (request_id, tenant_id, batch_id, sequence, client_id, final_answer, thinking,
                                 answer, prompt_tokens, thinking_tokens, answer_tokens, injected_tokens,
                                 generated_tokens, budget, stop_reason, model, method, level, stop_temperature,
                                 pool, worker, submitted_at, started_at, finished_at, queued_ms, decode_ms, error)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            ON CONFLICT (request_id) DO NOTHING
            """;

    private static final String INSERT_LEDGER = """
            INSERT INTO token_ledger (request_id, tenant_id, batch_id, pool, method, model, level, day,
                                      prompt_tokens, thinking_tokens, answer_tokens, injected_tokens,
                                      generated_tokens)
            SELECT request_id, tenant_id, batch_id, pool, method, model, level,
                   (coalesce(finished_at, stored_at) AT TIME ZONE 'UTC')::date,
                   prompt_tokens, thinking_tokens, answer_tokens, injected_tokens, generated_tokens
            FROM results
            WHERE request_id = ?
            ON CONFLICT (request_id) DO NOTHING
            """;

    // done and error are final, and a rejected request was never run: only a submitted one moves
    private static final String FINISH_REQUEST = """
            UPDATE requests SET state = ? WHERE id = ? AND state = 'submitted'
            """;

    private final DataSource dataSource;

    public ResultSink(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** @return true when this call stored the result, false when it was already stored */
    public boolean store(ProblemResult result) {
        requireStorable(result);
        return Transactions.inTransaction(dataSource, "store the result of request " + result.requestId(),
                c -> storeAll(c, List.of(result)) == 1);
    }

    /**
     * Stores every result in one transaction: all of them, or on any failure none. Results already
     * stored, and repeats inside {@code results}, are skipped.
     *
     * @return how many results this call stored
     */
    public int storeAll(List<ProblemResult> results) {
        if (results.isEmpty()) {
            return 0;
        }
        results.forEach(ResultSink::requireStorable);
        return Transactions.inTransaction(dataSource, "store " + results.size() + " results (first request "
                + results.get(0).requestId() + ")", c -> storeAll(c, results));
    }

    /**
     * Stores the results on {@code c}, inside the caller's transaction (nothing is committed here), with
     * one batched statement per table. Results already stored, and repeats inside {@code results}, are
     * skipped.
     *
     * @return how many results this call stored
     * @throws IllegalArgumentException before any write, when a result breaks the schema's rules
     */
    public static int storeAll(Connection c, List<ProblemResult> unordered) throws SQLException {
        if (unordered.isEmpty()) {
            return 0;
        }
        unordered.forEach(ResultSink::requireStorable);
        // Two consumers storing overlapping lists (a rebalance replays a partition) lock the same ids;
        // taking them in one order means one waits for the other instead of both deadlocking.
        List<ProblemResult> results = unordered.stream().sorted(Comparator.comparing(ProblemResult::requestId)).toList();
        List<ProblemResult> fresh = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement(INSERT_RESULT)) {
            for (ProblemResult r : results) {
                bindResult(ps, r);
                ps.addBatch();
            }
            int[] inserted = ps.executeBatch();
            for (int i = 0; i < inserted.length; i++) {
                if (inserted[i] == Statement.SUCCESS_NO_INFO) {
                    throw new IllegalStateException("the JDBC driver did not report which results were new; "
                            + "turn off reWriteBatchedInserts on this DataSource");
                }
                // a repeat inside the batch meets the row its first copy inserted, and counts 0
                if (inserted[i] == 1) {
                    fresh.add(results.get(i));
                }
            }
        }
        if (fresh.isEmpty()) {
            return 0;
        }
        try (PreparedStatement ledger = c.prepareStatement(INSERT_LEDGER);
             PreparedStatement finish = c.prepareStatement(FINISH_REQUEST)) {
            for (ProblemResult r : fresh) {
                ledger.setString(1, r.requestId());
                ledger.addBatch();
                finish.setString(1, r.error() == null ? "done" : "error");
                finish.setString(2, r.requestId());
                finish.addBatch();
            }
            ledger.executeBatch();
            finish.executeBatch();
        }
        return fresh.size();
    }

    private static void bindResult(PreparedStatement ps, ProblemResult r) throws SQLException {
        Timings t = r.timings() == null ? new Timings(null, null, null, null, null) : r.timings();
        int i = 0;
        ps.setString(++i, r.requestId());
        ps.setString(++i, r.tenant());
        ps.setString(++i, r.batch());
        Sql.setInteger(ps, ++i, r.sequence());
        ps.setString(++i, r.clientId());
        Sql.setText(ps, ++i, r.finalAnswer());
        Sql.setText(ps, ++i, r.thinking());
        Sql.setText(ps, ++i, r.answer());
        ps.setInt(++i, r.promptTokens());
        ps.setInt(++i, r.thinkingTokens());
        ps.setInt(++i, r.answerTokens());
        ps.setInt(++i, r.injectedTokens());
        ps.setInt(++i, r.generatedTokens());
        ps.setInt(++i, r.budget());
        ps.setString(++i, r.stopReason());
        ps.setString(++i, r.model());
        ps.setString(++i, r.method());
        ps.setString(++i, r.level());
        Sql.setDouble(ps, ++i, r.stopTemperature());
        Sql.setPool(ps, ++i, r.pool());
        ps.setString(++i, r.worker());
        Sql.setInstant(ps, ++i, t.submittedAt());
        Sql.setInstant(ps, ++i, t.startedAt());
        Sql.setInstant(ps, ++i, t.finishedAt());
        Sql.setLong(ps, ++i, t.queuedMillis());
        Sql.setLong(ps, ++i, t.decodeMillis());
        Sql.setText(ps, ++i, r.error());
    }

    /** Refuses, before any write, a result the schema would refuse, with a reason naming it. */
    private static void requireStorable(ProblemResult r) {
        if (r == null) {
            throw new IllegalArgumentException("cannot store a null result");
        }
        String id = Sql.requireText(r.requestId(), "request_id", "a result");
        Sql.requireNoNul(id, "request_id", "a result");
        String of = "result of request " + id;
        Sql.requireText(r.tenant(), "tenant", of);
        Sql.requireText(r.stopReason(), "stop_reason", of);
        Sql.requireNoNul(r.tenant(), "tenant", of);
        Sql.requireNoNul(r.batch(), "batch", of);
        Sql.requireNoNul(r.clientId(), "client_id", of);
        Sql.requireNoNul(r.stopReason(), "stop_reason", of);
        Sql.requireNoNul(r.model(), "model", of);
        Sql.requireNoNul(r.method(), "method", of);
        Sql.requireNoNul(r.level(), "level", of);
        Sql.requireNoNul(r.worker(), "worker", of);
        int[] counts = {r.promptTokens(), r.thinkingTokens(), r.answerTokens(), r.injectedTokens(), r.generatedTokens()};
        for (int count : counts) {
            if (count < 0) {
                throw new IllegalArgumentException(of + " has a negative token count (prompt " + r.promptTokens()
                        + ", thinking " + r.thinkingTokens() + ", answer " + r.answerTokens() + ", injected "
                        + r.injectedTokens() + ", generated " + r.generatedTokens() + ")");
            }
        }
    }
}
