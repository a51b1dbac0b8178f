package io.thinkmeter.storage;

import io.thinkmeter.contracts.Method;
import io.thinkmeter.contracts.Pool;
import io.thinkmeter.contracts.ProblemResult;
import io.thinkmeter.contracts.StopReason;
import io.thinkmeter.contracts.Timings;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import javax.sql.DataSource;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

/** The ledger summed per bucket, group and currency, on ledger rows the sink wrote. */
class UsageTest {

    private static final Instant DAY = Instant.parse("2026-03-02T00:00:00Z");
    private static Usage usage;

    @BeforeAll
    static void ledger() {
        DataSource db = TestDatabases.migratedDatabase("usage");
        ResultSink sink = new ResultSink(db);
        // tiny-reasoner is priced 0.10 in / 0.40 out per million USD by V12; unpriced-model has no price
        sink.store(result("u-1", "acme", "key_a", "tiny-reasoner", "2026-03-02T10:15:30Z", 10, 20, 5));
        sink.store(result("u-2", "acme", "key_b", "tiny-reasoner", "2026-03-02T10:45:00Z", 30, 40, 10));
        sink.store(result("u-3", "acme", "key_a", "unpriced-model", "2026-03-02T11:05:00Z", 7, 3, 1));
        sink.store(result("u-4", "acme", "key_a", "tiny-reasoner", "2026-03-03T09:00:00Z", 1000, 100, 0));
        sink.store(result("u-5", "globex", null, "tiny-reasoner", "2026-03-02T10:20:00Z", 50, 50, 50));
        usage = new Usage(db);
    }

    private static ProblemResult result(String id, String tenant, String key, String model, String finished,
                                        int prompt, int thinking, int answer) {
        Instant at = Instant.parse(finished);
        return new ProblemResult(ProblemResult.SCHEMA_VERSION, id, null, tenant, null, null, "1", "t", "a", prompt,
                thinking, answer, 0, thinking + answer, 500, StopReason.NATURAL, model, Method.NONE, null, null,
                Pool.SHORT, "worker-1", new Timings(at.minusSeconds(10), at.minusSeconds(5), at, 5_000L, 5_000L), null,
                key);
    }

    @Test
    void shouldSumEachDayPerModelAndCurrencyForOneTenant() {
        List<Usage.Row> rows = usage.query(new Usage.Query(DAY, DAY.plus(Duration.ofDays(2)), Duration.ofDays(1),
                List.of(Usage.Group.MODEL), "acme"));

        assertEquals(3, rows.size(), rows.toString());
        Usage.Row priced = rows.get(0);
        assertEquals(DAY, priced.bucketStart());
        assertEquals(Map.of(Usage.Group.MODEL, "tiny-reasoner"), priced.groups());
        assertEquals("USD", priced.currency());
        assertEquals(2, priced.requests());
        assertEquals(40, priced.promptTokens());
        assertEquals(60, priced.thinkingTokens());
        assertEquals(15, priced.answerTokens());
        assertEquals(75, priced.generatedTokens());
        // (40 * 0.10 + 75 * 0.40) / 1e6, exactly
        assertEquals(0, new BigDecimal("0.000034").compareTo(priced.cost()), priced.cost().toPlainString());
        Usage.Row unpriced = rows.get(1);
        assertEquals("unpriced-model", unpriced.groups().get(Usage.Group.MODEL));
        assertNull(unpriced.currency());
        assertNull(unpriced.cost());
        assertEquals(1, unpriced.requests(), "an unpriced row is counted");
        assertEquals(DAY.plus(Duration.ofDays(1)), rows.get(2).bucketStart());
        assertEquals(1000, rows.get(2).promptTokens());
    }

    @Test
    void shouldBucketByTheHourFromTheStartAndLeaveOutWhatIsOutsideTheRange() {
        Instant start = Instant.parse("2026-03-02T10:30:00Z");
        List<Usage.Row> rows = usage.query(new Usage.Query(start, start.plus(Duration.ofHours(1)), Duration.ofHours(1),
                List.of(Usage.Group.API_KEY), "acme"));

        // 10:45 is in; 10:15 is before the start; 11:05 is in the same bucket (10:30 to 11:30) as 10:45
        assertEquals(2, rows.size(), rows.toString());
        assertEquals(List.of(start, start), rows.stream().map(Usage.Row::bucketStart).toList());
        assertEquals(Map.of(Usage.Group.API_KEY, "key_a"), rows.get(0).groups());
        assertEquals(Map.of(Usage.Group.API_KEY, "key_b"), rows.get(1).groups());
    }

    @Test
    void shouldSeeEveryTenantWithoutATenantAndGroupByIt() {
        List<Usage.Row> rows = usage.query(new Usage.Query(DAY, DAY.plus(Duration.ofDays(1)), Duration.ofDays(1),
                List.of(Usage.Group.TENANT, Usage.Group.POOL), null));

        assertEquals(List.of("acme", "acme", "globex"),
                rows.stream().map(r -> r.groups().get(Usage.Group.TENANT)).toList());
        assertEquals(150, rows.get(2).promptTokens() + rows.get(2).generatedTokens());
        assertEquals("short", rows.get(2).groups().get(Usage.Group.POOL));
    }
}
