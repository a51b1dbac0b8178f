package io.thinkmeter.storage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.thinkmeter.contracts.Method;
import io.thinkmeter.contracts.Pool;
import io.thinkmeter.contracts.ProblemResult;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import javax.sql.DataSource;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.Function;

/** The audit views against sums computed here from the results themselves. */
class LedgerViewsTest {

    private static final String[] TENANTS = {"acme", "globex", "initech"};
    private static final Method[] METHODS = {Method.TS, Method.BUDGET_FORCING, Method.TLDR};
    private static final Instant[] DAYS = {Instant.parse("2026-03-01T00:00:00Z"), Instant.parse("2026-03-02T00:00:00Z")};

    private static DataSource db;
    private static final List<ProblemResult> RESULTS = new ArrayList<>();

    @BeforeAll
    static void fiftyVariedResults() throws SQLException {
        db = TestDatabases.migratedDatabase("ledger_views");
        Random random = new Random(7);
        for (int i = 0; i < 50; i++) {
            String tenant = TENANTS[i % 3];
            Pool pool = Pool.values()[(i / 3) % 3];
            Method method = METHODS[(i / 9) % 3];
            // seconds into the day, up to its last second, so both ends of a UTC day are exercised
            Instant finished = DAYS[(i / 2) % 2].plusSeconds(i % 5 == 0 ? 86_399 : random.nextInt(86_400));
            String batch = i % 4 == 0 ? null : tenant + "-batch-" + (i % 2);
            int thinking = random.nextInt(300);
            int answer = 1 + random.nextInt(40);
            int injected = random.nextInt(Math.min(answer, 6));
            RESULTS.add(Fixtures.result("view-" + i, tenant, batch, pool, method, finished, 5 + random.nextInt(60),
                    thinking, answer, injected));
        }
        ResultSink sink = new ResultSink(db);
        assertEquals(30, sink.storeAll(RESULTS.subList(0, 30)));
        for (ProblemResult r : RESULTS.subList(25, 50)) {
            sink.store(r); // 25..29 are redeliveries and must not be counted twice
        }
    }

    @Test
    void shouldSumTheSameTokensPerTenantAndDayAsTheResults() throws SQLException {
        assertView("SELECT tenant_id || '/' || day, " + SUMS + " FROM spend_per_tenant_day",
                r -> r.tenant() + "/" + r.timings().finishedAt().atZone(ZoneOffset.UTC).toLocalDate());
    }

    @Test
    void shouldSumTheSameTokensPerPoolAsTheResults() throws SQLException {
        assertView("SELECT pool, " + SUMS + " FROM spend_per_pool", r -> r.pool().wireName());
    }

    @Test
    void shouldSumTheSameTokensPerMethodAsTheResults() throws SQLException {
        assertView("SELECT method, " + SUMS + " FROM spend_per_method", r -> r.method().wireName());
    }

    @Test
    void shouldSumTheSameTokensPerModelMethodAndLevelAsTheResults() throws SQLException {
        assertView("SELECT model || '/' || method || '/' || coalesce(level, '-'), " + SUMS + " FROM spend_per_model_level",
                r -> r.model() + "/" + r.method().wireName() + "/" + (r.level() == null ? "-" : r.level().wireName()));
    }

    @Test
    void shouldSumTheSameTokensPerBatchAsTheResultsLeavingOutUnbatchedOnes() throws SQLException {
        Map<String, long[]> expected = expected(RESULTS.stream().filter(r -> r.batch() != null).toList(),
                r -> r.tenant() + "/" + r.batch());
        assertEquals(expected.keySet(), actual("SELECT tenant_id || '/' || batch_id, " + SUMS + " FROM spend_per_batch").keySet());
        assertSameSums(expected, actual("SELECT tenant_id || '/' || batch_id, " + SUMS + " FROM spend_per_batch"));
    }

    @Test
    void shouldSplitEachTenantsGeneratedTokensIntoThinkingAndAnswerShares() throws SQLException {
        Map<String, long[]> expected = expected(RESULTS, ProblemResult::tenant);
        try (Connection c = db.getConnection(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT tenant_id, thinking_tokens, answer_tokens, thinking_share, answer_share FROM thinking_vs_answer")) {
            int rows = 0;
            while (rs.next()) {
                rows++;
                long[] sums = expected.get(rs.getString(1));
                long thinking = sums[2];
                long answer = sums[3];
                assertEquals(thinking, rs.getLong(2));
                assertEquals(answer, rs.getLong(3));
                BigDecimal total = BigDecimal.valueOf(thinking + answer);
                assertEquals(BigDecimal.valueOf(thinking).divide(total, 4, RoundingMode.HALF_UP), rs.getBigDecimal(4));
                assertEquals(BigDecimal.valueOf(answer).divide(total, 4, RoundingMode.HALF_UP), rs.getBigDecimal(5));
            }
            assertEquals(3, rows);
        }
    }

    @Test
    void shouldRefuseToUpdateTheLedger() {
        SQLException e = assertThrows(SQLException.class,
                () -> Fixtures.execute(db, "UPDATE token_ledger SET thinking_tokens = 0 WHERE request_id = 'view-1'"));

        assertTrue(e.getMessage().contains("token_ledger is append-only: UPDATE refused"), e.getMessage());
    }

    @Test
    void shouldRefuseToDeleteFromTheLedger() throws SQLException {
        SQLException delete = assertThrows(SQLException.class, () -> Fixtures.execute(db, "DELETE FROM token_ledger"));
        SQLException truncate = assertThrows(SQLException.class, () -> Fixtures.execute(db, "TRUNCATE token_ledger"));

        assertTrue(delete.getMessage().contains("append-only: DELETE refused"), delete.getMessage());
        assertTrue(truncate.getMessage().contains("append-only: TRUNCATE refused"), truncate.getMessage());
        assertEquals(50, Fixtures.count(db, "SELECT count(*) FROM token_ledger"));
    }

    private static final String SUMS =
            "results, prompt_tokens, thinking_tokens, answer_tokens, injected_tokens, generated_tokens";

    private static void assertView(String sql, Function<ProblemResult, String> key) throws SQLException {
        Map<String, long[]> actual = actual(sql);
        Map<String, long[]> expected = expected(RESULTS, key);
        assertEquals(expected.keySet(), actual.keySet());
        assertSameSums(expected, actual);
        long[] total = new long[6];
        actual.values().forEach(row -> Arrays.setAll(total, i -> total[i] + row[i]));
        assertEquals(50, total[0], "every result counted once");
    }

    private static void assertSameSums(Map<String, long[]> expected, Map<String, long[]> actual) {
        assertFalse(expected.isEmpty());
        expected.forEach((k, sums) -> assertEquals(Arrays.toString(sums), Arrays.toString(actual.get(k)),
                "results, prompt, thinking, answer, injected, generated for " + k));
    }

    /** key -> {results, prompt, thinking, answer, injected, generated} */
    private static Map<String, long[]> expected(List<ProblemResult> results, Function<ProblemResult, String> key) {
        Map<String, long[]> sums = new HashMap<>();
        for (ProblemResult r : results) {
            long[] s = sums.computeIfAbsent(key.apply(r), k -> new long[6]);
            s[0]++;
            s[1] += r.promptTokens();
            s[2] += r.thinkingTokens();
            s[3] += r.answerTokens();
            s[4] += r.injectedTokens();
            s[5] += r.generatedTokens();
        }
        return sums;
    }

    private static Map<String, long[]> actual(String sql) throws SQLException {
        Map<String, long[]> rows = new HashMap<>();
        try (Connection c = db.getConnection(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            while (rs.next()) {
                long[] row = new long[6];
                for (int i = 0; i < 6; i++) {
                    row[i] = rs.getLong(i + 2);
                }
                rows.put(rs.getString(1), row);
            }
        }
        return rows;
    }
}
