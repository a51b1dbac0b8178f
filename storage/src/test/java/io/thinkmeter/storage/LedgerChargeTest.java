package io.thinkmeter.storage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.thinkmeter.contracts.Method;
import io.thinkmeter.contracts.Pool;
import io.thinkmeter.contracts.ProblemResult;
import io.thinkmeter.contracts.StopReason;
import io.thinkmeter.contracts.Timings;
import io.thinkmeter.storage.Prices.Price;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import javax.sql.DataSource;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.IntStream;

/** What each ledger row records since V12: key, budget day, spend time, price and exact cost, its chain link. */
class LedgerChargeTest {

    private static DataSource db;
    private static ResultSink sink;

    @BeforeAll
    static void database() {
        db = TestDatabases.migratedDatabase("ledger_charge");
        sink = new ResultSink(db);
        Prices prices = new Prices(db);
        prices.put(new Price("priced", LocalDate.parse("2026-03-01"), new BigDecimal("0.15"), new BigDecimal("0.6"), "EUR"));
        prices.put(new Price("priced", LocalDate.parse("2026-03-02"), new BigDecimal("0.20"), new BigDecimal("0.80"), "EUR"));
    }

    static ProblemResult result(String id, String tenant, String model, String submitted, String finished, int prompt,
                                int thinking, int answer, String apiKey) {
        Timings timings = new Timings(submitted == null ? null : Instant.parse(submitted), null,
                finished == null ? null : Instant.parse(finished), null, null);
        return new ProblemResult(ProblemResult.SCHEMA_VERSION, id, null, tenant, null, null, "1", "t", "a", prompt,
                thinking, answer, 0, thinking + answer, 500, StopReason.NATURAL, model, Method.NONE, null, null,
                Pool.SHORT, "w", timings, null, apiKey);
    }

    private static List<LedgerEntry> ledgerOf(String tenant) throws SQLException {
        try (Connection c = db.getConnection();
             PreparedStatement ps = c.prepareStatement("SELECT " + LedgerTable.COLUMNS
                     + " FROM token_ledger WHERE tenant_id = ? ORDER BY chain_seq")) {
            ps.setString(1, tenant);
            List<LedgerEntry> rows = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    rows.add(LedgerTable.read(rs));
                }
            }
            return rows;
        }
    }

    private static LedgerEntry entry(String tenant, String requestId) throws SQLException {
        return ledgerOf(tenant).stream().filter(e -> e.requestId().equals(requestId)).findFirst().orElseThrow();
    }

    @Test
    void shouldChargeTheBudgetDayOfSubmissionAtThatDaysPriceWithTheExactCost() throws SQLException {
        // submitted a microsecond before midnight, finished after it: charged to 1 March, at 1 March's price
        sink.store(result("late", "t-price", "priced", "2026-03-01T23:59:59.999999Z", "2026-03-02T00:00:03.5Z",
                1234, 500, 67, "key-1"));
        sink.store(result("next", "t-price", "priced", "2026-03-02T00:00:00Z", "2026-03-02T00:00:04Z",
                1234, 500, 67, null));

        LedgerEntry late = entry("t-price", "late");
        assertEquals(LocalDate.parse("2026-03-01"), late.budgetDay());
        assertEquals(LocalDate.parse("2026-03-02"), late.day());
        assertEquals(Instant.parse("2026-03-02T00:00:03.5Z"), late.spentAt());
        assertEquals("key-1", late.apiKeyId());
        assertEquals(LocalDate.parse("2026-03-01"), late.priceValidFrom());
        assertEquals("EUR", late.currency());
        // 1234 * 0.15 / 1e6 + 567 * 0.6 / 1e6
        assertEquals(0, new BigDecimal("0.0005253").compareTo(late.cost()), late.cost().toPlainString());

        LedgerEntry next = entry("t-price", "next");
        assertEquals(LocalDate.parse("2026-03-02"), next.budgetDay());
        assertEquals(LocalDate.parse("2026-03-02"), next.priceValidFrom());
        assertNull(next.apiKeyId());
        // 1234 * 0.2 / 1e6 + 567 * 0.8 / 1e6
        assertEquals(0, new BigDecimal("0.0007004").compareTo(next.cost()), next.cost().toPlainString());
        assertEquals("0.0012257 EUR 0", Fixtures.text(db, "SELECT sum(cost)::text || ' ' || string_agg(currencies, ',')"
                + " || ' ' || sum(unpriced_results) FROM spend_per_tenant_day WHERE tenant_id = 't-price'"));
    }

    @Test
    void shouldLeaveAModelWithoutAPriceUnpriced() throws SQLException {
        sink.store(result("nopr", "t-unpriced", "no-price-model", "2026-03-05T00:00:00Z", null, 10, 5, 5, null));
        // and a priced model before its first price
        sink.store(result("early", "t-unpriced", "priced", "2026-02-28T12:00:00Z", "2026-03-05T00:00:00Z", 10, 5, 5, null));

        for (String id : List.of("nopr", "early")) {
            LedgerEntry e = entry("t-unpriced", id);
            assertNull(e.cost(), id);
            assertNull(e.currency(), id);
            assertNull(e.priceValidFrom(), id);
            assertNull(e.inputPricePerMillion(), id);
        }
        // no finish time: spent when stored, and charged to that day when there is no submission time either
        LedgerEntry nopr = entry("t-unpriced", "nopr");
        assertTrue(nopr.spentAt().isAfter(Instant.now().minusSeconds(600)), nopr.spentAt().toString());
        assertEquals(2, Fixtures.count(db,
                "SELECT sum(unpriced_results) FROM spend_per_tenant_day WHERE tenant_id = 't-unpriced'"));
    }

    @Test
    void shouldChainEachTenantsRowsOneTwoThreeEachLinkedToTheLast() throws SQLException {
        sink.storeAll(List.of(result("c-b1", "t-chain-b", "priced", "2026-03-02T01:00:00Z", null, 3, 2, 1, null),
                result("c-a1", "t-chain-a", "priced", "2026-03-02T01:00:00Z", null, 3, 2, 1, null),
                result("c-a2", "t-chain-a", "priced", "2026-03-02T01:00:00Z", null, 3, 2, 1, null)));
        sink.store(result("c-a3", "t-chain-a", "priced", "2026-03-02T01:00:00Z", null, 3, 2, 1, "k"));
        sink.store(result("c-a3", "t-chain-a", "priced", "2026-03-02T01:00:00Z", null, 3, 2, 1, "k")); // again

        assertChainWhole("t-chain-a", 3);
        assertChainWhole("t-chain-b", 1);
    }

    @Test
    void shouldKeepEveryTenantsChainWholeUnderConcurrentSinks() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<Integer>> stored = new ArrayList<>();
            for (int s = 0; s < 4; s++) {
                int sinkNo = s;
                stored.add(pool.submit(() -> {
                    int n = 0;
                    for (int poll = 0; poll < 10; poll++) {
                        int p = poll;
                        n += sink.storeAll(IntStream.range(0, 6).mapToObj(i -> result("cc-" + sinkNo + "-" + p + "-" + i,
                                "t-conc-" + (i % 3), "priced", "2026-03-02T01:00:00Z", null, 1, 1, 1, null)).toList());
                    }
                    return n;
                }));
            }
            for (Future<Integer> f : stored) {
                assertEquals(60, f.get());
            }
        } finally {
            pool.shutdown();
        }
        for (int t = 0; t < 3; t++) {
            assertChainWhole("t-conc-" + t, 80);
        }
    }

    /** The README's recipe: an auditor recomputes every row_hash in SQL, from the view alone, without our code. */
    static final String ROW_HASHES_RECOMPUTED = """
            SELECT request_id, row_hash,
                   encode(sha256(convert_to(prev_hash || (
                       SELECT string_agg(coalesce(octet_length(v)::text || ':' || v || ';', '~;'), '' ORDER BY i)
                       FROM unnest(ARRAY[chain_seq::text, request_id, tenant_id, api_key_id, batch_id, pool, method,
                                         model, level, day::text, budget_day::text,
                                         to_char(spent_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"'),
                                         prompt_tokens::text, thinking_tokens::text, answer_tokens::text,
                                         injected_tokens::text, generated_tokens::text, price_valid_from::text,
                                         trim_scale(input_price_per_million)::text,
                                         trim_scale(output_price_per_million)::text, currency,
                                         trim_scale(cost)::text]) WITH ORDINALITY AS u(v, i)), 'UTF8')), 'hex')
                       AS recomputed
            FROM ledger_entries
            WHERE chain_seq IS NOT NULL
            """;

    @Test
    void shouldLetAnAuditorRecomputeEveryHashInSql() throws SQLException {
        sink.storeAll(List.of(result("sql-1", "t-sql", "priced", "2026-03-01T23:00:00Z", "2026-03-02T00:00:00.123456789Z",
                        1000, 10, 0, "key-\u00e9"),
                result("sql-2", "t-sql", "unpriced-model", null, null, 1, 2, 3, null)));

        long chained = Fixtures.count(db, "SELECT count(*) FROM token_ledger WHERE chain_seq IS NOT NULL");
        assertTrue(chained >= 2);
        assertEquals(chained, Fixtures.count(db, "SELECT count(*) FROM (" + ROW_HASHES_RECOMPUTED
                + ") AS h WHERE recomputed = row_hash"));
    }

    private static void assertChainWhole(String tenant, int rows) throws SQLException {
        List<LedgerEntry> chain = ledgerOf(tenant);
        assertEquals(rows, chain.size());
        String prev = LedgerChain.GENESIS;
        for (int i = 0; i < chain.size(); i++) {
            LedgerEntry e = chain.get(i);
            assertEquals(i + 1, e.chainSeq());
            assertEquals(prev, e.prevHash());
            assertEquals(LedgerChain.hash(prev, e), e.rowHash());
            prev = e.rowHash();
        }
    }
}
