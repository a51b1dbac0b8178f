package io.thinkmeter.storage;

import io.thinkmeter.contracts.ProblemResult;
import io.thinkmeter.contracts.RequestState;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Stores worker results and charges them to the token ledger, exactly once per request id. Kafka
 * delivers at least once, so the same result can arrive again after a consumer restart; the second
 * copy finds the request id taken and changes nothing.
 *
 * <p>The result row, its ledger row and the request's new state are written in one transaction. The
 * ledger row is made from the same result the results row was, priced at the model's price on the day
 * the request was submitted and linked into its tenant's hash chain ({@link LedgerAppender}). A result whose
 * request row is missing (topics arrive in any order) is still stored; {@link RequestStore} marks the
 * request done when its row arrives later.
 */
public final class ResultSink {

    private static final String INSERT_RESULTS = "INSERT INTO results (" + ResultTable.COLUMNS + ") SELECT * FROM unnest("
            + ResultTable.ARRAY_TYPES + ") ON CONFLICT (request_id) DO NOTHING RETURNING request_id, stored_at";

    // done and error are final, and a rejected request was never run: only a submitted one moves
    private static final String FINISH_REQUESTS = "UPDATE requests SET state = " + ResultTable.STATE_OF_RESULT
            + " FROM results AS r WHERE r.request_id = ANY (?) AND requests.id = r.request_id AND requests.state = "
            + Sql.literal(RequestState.SUBMITTED);

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
     * What one call stored.
     *
     * @param stored how many results were new
     * @param charged the ledger rows written for them, priced and chained (one per new result)
     */
    public record Stored(int stored, List<LedgerEntry> charged) {
        static final Stored NOTHING = new Stored(0, List.of());
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
        return storeCharging(c, unordered).stored();
    }

    /**
     * As {@link #storeAll(Connection, List)}, and says which ledger rows it wrote (for counting spend once
     * the caller has committed).
     */
    public static Stored storeCharging(Connection c, List<ProblemResult> unordered) throws SQLException {
        if (unordered.isEmpty()) {
            return Stored.NOTHING;
        }
        unordered.forEach(ResultSink::requireStorable);
        // Two consumers storing overlapping lists (a rebalance replays a partition) lock the same ids;
        // taking them in one order means one waits for the other instead of both deadlocking.
        List<ProblemResult> results = unordered.stream().sorted(Comparator.comparing(ProblemResult::requestId)).toList();
        Map<String, Instant> storedAt = new HashMap<>();
        try (PreparedStatement ps = c.prepareStatement(INSERT_RESULTS)) {
            ResultTable.bind(new ArrayParameters<>(c, ps, results));
            // a repeat, inside the list or of a stored result, meets the row already there and is not returned
            try (ResultSet inserted = ps.executeQuery()) {
                while (inserted.next()) {
                    storedAt.put(inserted.getString(1), inserted.getObject(2, OffsetDateTime.class).toInstant());
                }
            }
        }
        if (storedAt.isEmpty()) {
            return Stored.NOTHING;
        }
        // the first of repeats is the one the INSERT stored (the sort keeps the list's order among equals)
        Set<String> seen = new HashSet<>();
        List<ProblemResult> fresh = results.stream()
                .filter(r -> storedAt.containsKey(r.requestId()) && seen.add(r.requestId())).toList();
        List<LedgerEntry> charged = LedgerAppender.append(c, fresh, storedAt);
        try (PreparedStatement finish = c.prepareStatement(FINISH_REQUESTS)) {
            finish.setArray(1, c.createArrayOf("text", storedAt.keySet().toArray(new String[0])));
            finish.executeUpdate();
        }
        return new Stored(fresh.size(), charged);
    }

    /**
     * Why this sink would refuse the result (it is then dead-lettered, never charged), or empty when it
     * would store it: for the verifier, which must not count a refused result as missing.
     */
    static Optional<String> refusal(ProblemResult r) {
        try {
            requireStorable(r);
            return Optional.empty();
        } catch (IllegalArgumentException e) {
            return Optional.of(e.getMessage());
        }
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
        Sql.requirePresent(r.stopReason(), "stop_reason", of);
        Sql.requireStorableIdentifier(r.tenant(), "tenant", of);
        Sql.requireStorableIdentifier(r.batch(), "batch", of);
        Sql.requireStorableIdentifier(r.clientId(), "client_id", of);
        Sql.requireStorableIdentifier(r.model(), "model", of);
        Sql.requireStorableIdentifier(r.worker(), "worker", of);
        Sql.requireStorableIdentifier(r.apiKeyId(), "api_key_id", of);
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
