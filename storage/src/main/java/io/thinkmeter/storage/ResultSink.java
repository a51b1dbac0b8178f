package io.thinkmeter.storage;

import io.thinkmeter.contracts.ProblemResult;
import io.thinkmeter.contracts.Timings;

import javax.sql.DataSource;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
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

    private static final String INSERT_RESULTS = """
            INSERT INTO results (request_id, tenant_id, batch_id, sequence, client_id, final_answer, thinking,
                                 answer, prompt_tokens, thinking_tokens, answer_tokens, injected_tokens,
                                 generated_tokens, budget, stop_reason, model, method, level, stop_temperature,
                                 pool, worker, submitted_at, started_at, finished_at, queued_ms, decode_ms, error)
            SELECT * FROM unnest(?::text[], ?::text[], ?::text[], ?::int4[], ?::text[], ?::text[], ?::text[],
                                 ?::text[], ?::int4[], ?::int4[], ?::int4[], ?::int4[],
                                 ?::int4[], ?::int4[], ?::text[], ?::text[], ?::text[], ?::text[], ?::float8[],
                                 ?::text[], ?::text[], ?::timestamptz[], ?::timestamptz[], ?::timestamptz[],
                                 ?::int8[], ?::int8[], ?::text[])
            ON CONFLICT (request_id) DO NOTHING
            RETURNING request_id
            """;

    private static final String INSERT_LEDGER = """
            INSERT INTO token_ledger (request_id, tenant_id, batch_id, pool, method, model, level, day,
                                      prompt_tokens, thinking_tokens, answer_tokens, injected_tokens,
                                      generated_tokens)
            SELECT request_id, tenant_id, batch_id, pool, method, model, level,
                   (coalesce(finished_at, stored_at) AT TIME ZONE 'UTC')::date,
                   prompt_tokens, thinking_tokens, answer_tokens, injected_tokens, generated_tokens
            FROM results
            WHERE request_id = ANY (?)
            ORDER BY request_id
            ON CONFLICT (request_id) DO NOTHING
            """;

    // done and error are final, and a rejected request was never run: only a submitted one moves
    private static final String FINISH_REQUESTS = """
            UPDATE requests SET state = CASE WHEN results.error IS NULL THEN 'done' ELSE 'error' END
            FROM results
            WHERE results.request_id = ANY (?) AND requests.id = results.request_id AND requests.state = 'submitted'
            """;

    private static final Timings NO_TIMINGS = new Timings(null, null, null, null, null);

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
        List<String> fresh = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement(INSERT_RESULTS)) {
            bindResults(new ArrayParameters<>(c, ps, results));
            // a repeat, inside the list or of a stored result, meets the row already there and is not returned
            try (ResultSet inserted = ps.executeQuery()) {
                while (inserted.next()) {
                    fresh.add(inserted.getString(1));
                }
            }
        }
        if (fresh.isEmpty()) {
            return 0;
        }
        Array freshIds = c.createArrayOf("text", fresh.toArray(new String[0]));
        try (PreparedStatement ledger = c.prepareStatement(INSERT_LEDGER);
             PreparedStatement finish = c.prepareStatement(FINISH_REQUESTS)) {
            ledger.setArray(1, freshIds);
            ledger.executeUpdate();
            finish.setArray(1, freshIds);
            finish.executeUpdate();
        }
        return fresh.size();
    }

    private static void bindResults(ArrayParameters<ProblemResult> columns) throws SQLException {
        columns.text(ProblemResult::requestId)
                .text(ProblemResult::tenant)
                .text(ProblemResult::batch)
                .int4(ProblemResult::sequence)
                .text(ProblemResult::clientId)
                .freeText(ProblemResult::finalAnswer)
                .freeText(ProblemResult::thinking)
                .freeText(ProblemResult::answer)
                .int4(ProblemResult::promptTokens)
                .int4(ProblemResult::thinkingTokens)
                .int4(ProblemResult::answerTokens)
                .int4(ProblemResult::injectedTokens)
                .int4(ProblemResult::generatedTokens)
                .int4(ProblemResult::budget)
                .text(ProblemResult::stopReason)
                .text(ProblemResult::model)
                .text(ProblemResult::method)
                .text(ProblemResult::level)
                .float8(ProblemResult::stopTemperature)
                .pool(ProblemResult::pool)
                .text(ProblemResult::worker)
                .instant(r -> timings(r).submittedAt())
                .instant(r -> timings(r).startedAt())
                .instant(r -> timings(r).finishedAt())
                .int8(r -> timings(r).queuedMillis())
                .int8(r -> timings(r).decodeMillis())
                .freeText(ProblemResult::error);
    }

    private static Timings timings(ProblemResult r) {
        return r.timings() == null ? NO_TIMINGS : r.timings();
    }

    /** Refuses, before any write, a result the schema would refuse, with a reason naming it. */
    private static void requireStorable(ProblemResult r) {
        if (r == null) {
            throw new IllegalArgumentException("cannot store a null result");
        }
        String id = Sql.requireText(r.requestId(), "request_id", "a result");
        Sql.requireStorableIdentifier(id, "request_id", "a result");
        String of = "result of request " + id;
        Sql.requireText(r.tenant(), "tenant", of);
        Sql.requireText(r.stopReason(), "stop_reason", of);
        Sql.requireStorableIdentifier(r.tenant(), "tenant", of);
        Sql.requireStorableIdentifier(r.batch(), "batch", of);
        Sql.requireStorableIdentifier(r.clientId(), "client_id", of);
        Sql.requireStorableIdentifier(r.stopReason(), "stop_reason", of);
        Sql.requireStorableIdentifier(r.model(), "model", of);
        Sql.requireStorableIdentifier(r.method(), "method", of);
        Sql.requireStorableIdentifier(r.level(), "level", of);
        Sql.requireStorableIdentifier(r.worker(), "worker", of);
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
