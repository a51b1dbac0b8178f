package io.thinkmeter.it;

import static org.junit.jupiter.api.Assertions.assertEquals;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * What PostgreSQL holds of one batch, counted, never assumed: result rows, ledger rows, request rows,
 * and the ledger's sums against the results'. Reads tolerate a database that is down for a while (a
 * test may have killed it): they wait for it.
 */
final class BatchLedger {

    private final DataSource database;
    private final String batch;

    BatchLedger(DataSource database, String batch) {
        this.database = database;
        this.batch = batch;
    }

    long results() {
        return count("SELECT count(*) FROM results WHERE batch_id = ?");
    }

    /** Waits until the batch has at least {@code n} results, or fails with how many it had. */
    void awaitResults(long n, Duration patience) throws InterruptedException {
        long deadline = System.nanoTime() + patience.toNanos();
        long seen = -1;
        while (System.nanoTime() < deadline) {
            seen = countOrMinusOne("SELECT count(*) FROM results WHERE batch_id = ?");
            if (seen >= n) {
                return;
            }
            Thread.sleep(250);
        }
        throw new AssertionError("batch " + batch + " had " + seen + " results after " + patience.toSeconds()
                + " s; expected " + n);
    }

    /**
     * Waits until the batch has at least {@code n} results while they keep coming: fails when none was added
     * for {@code stall} (the platform stopped), or at {@code cap} in all. Slow progress on a loaded machine
     * is not a failure; standing still is. Prints the count every half minute, so a report shows the pace.
     */
    void awaitResultsWhileProgressing(long n, Duration stall, Duration cap) throws InterruptedException {
        long began = System.nanoTime();
        long lastProgress = began;
        long lastPrinted = began;
        long seen = -1;
        while (true) {
            long now = System.nanoTime();
            long count = countOrMinusOne("SELECT count(*) FROM results WHERE batch_id = ?");
            if (count > seen) {
                seen = count;
                lastProgress = now;
            }
            if (seen >= n) {
                return;
            }
            if (now - lastPrinted > Duration.ofSeconds(30).toNanos()) {
                System.out.printf("batch %s: %d of %d results after %d s%n", batch, seen, n,
                        Duration.ofNanos(now - began).toSeconds());
                lastPrinted = now;
            }
            if (now - lastProgress > stall.toNanos()) {
                throw new AssertionError("batch " + batch + " stalled at " + seen + " of " + n + " results: none added for "
                        + stall.toSeconds() + " s");
            }
            if (now - began > cap.toNanos()) {
                throw new AssertionError("batch " + batch + " had " + seen + " of " + n + " results after "
                        + cap.toSeconds() + " s, still progressing");
            }
            Thread.sleep(250);
        }
    }

    /** Every accepted request has exactly one result row, one ledger row and a finished request row; the sums agree. */
    void assertExactlyOnce(int accepted) {
        assertEquals(accepted, count("SELECT count(*) FROM results WHERE batch_id = ?"), "result rows");
        assertEquals(accepted, count("SELECT count(DISTINCT request_id) FROM results WHERE batch_id = ?"),
                "distinct results");
        assertEquals(accepted, count("SELECT count(*) FROM token_ledger WHERE batch_id = ?"), "ledger rows");
        assertEquals(accepted, count("SELECT count(DISTINCT request_id) FROM token_ledger WHERE batch_id = ?"),
                "distinct ledger rows");
        assertEquals(accepted, count("SELECT count(*) FROM requests WHERE batch_id = ? AND state = 'done'"),
                "requests done");
        assertEquals(0, count("SELECT count(*) FROM results r WHERE batch_id = ? AND NOT EXISTS "
                + "(SELECT 1 FROM token_ledger l WHERE l.request_id = r.request_id)"), "results without a ledger row");
        assertEquals(0, count("SELECT count(*) FROM results WHERE batch_id = ? AND error IS NOT NULL"), "errors");
        assertEquals(0, count("SELECT count(*) FROM results WHERE batch_id = ? AND generated_tokens > budget"),
                "budgets exceeded");
        for (String column : List.of("prompt_tokens", "thinking_tokens", "answer_tokens", "injected_tokens",
                "generated_tokens")) {
            assertEquals(count("SELECT coalesce(sum(" + column + "), 0) FROM results WHERE batch_id = ?"),
                    count("SELECT coalesce(sum(" + column + "), 0) FROM token_ledger WHERE batch_id = ?"),
                    "the ledger's " + column + " equal the results'");
        }
    }

    long count(String sql) {
        try (Connection c = database.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            if (sql.contains("?")) {
                ps.setString(1, batch);
            }
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        } catch (SQLException e) {
            throw new IllegalStateException(sql + ": " + e.getMessage(), e);
        }
    }

    private long countOrMinusOne(String sql) {
        try {
            return count(sql);
        } catch (IllegalStateException down) {
            return -1; // the database is down for the moment: ask again
        }
    }

    static List<String> lines(String jsonl) {
        List<String> out = new ArrayList<>();
        for (String line : jsonl.split("\n")) {
            if (!line.isBlank()) {
                out.add(line);
            }
        }
        return out;
    }
}
