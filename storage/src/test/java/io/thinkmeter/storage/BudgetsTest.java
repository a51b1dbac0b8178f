package io.thinkmeter.storage;

import io.thinkmeter.testkit.EmbeddedPostgres;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import javax.sql.DataSource;
import java.math.BigDecimal;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A tenant's budgets, set and read whole, under the services' own login (V13's grants). */
class BudgetsTest {

    private static DataSource asService;
    private static Budgets budgets;
    private static ApiKeys keys;

    @BeforeAll
    static void setUp() {
        EmbeddedPostgres server = TestDatabases.server();
        DatabaseSetup.ensure(new DatabaseLogin(EmbeddedPostgres.SUPERUSER, server.superuserPassword()),
                server.jdbcUrl("budgets"), "owner-pw", "service-pw");
        asService = server.dataSource("budgets", DatabaseSetup.SERVICE_LOGIN, "service-pw");
        new Tenants(asService).save(new Tenants.Tenant("acme", "Acme", 5000L));
        budgets = new Budgets(asService);
        keys = new ApiKeys(asService);
    }

    @Test
    void shouldSetATenantsBudgetsAndHandThemWholeToThePublisherBeforeCommitting() throws SQLException {
        ApiKeys.CreatedKey ci = keys.create("acme", "ci");
        ApiKeys.CreatedKey gone = keys.create("acme", "revoked");
        keys.revoke(gone.id());
        List<Budgets.TenantBudgets> published = new ArrayList<>();

        Budgets.TenantBudgets saved = budgets.setKey("acme", ci.id(), 100L, null, published::add).orElseThrow();
        saved = budgets.setTenant("acme", 9000L, 200_000L, new BigDecimal("0.8"), published::add).orElseThrow();

        assertEquals(9000L, saved.day());
        assertEquals(200_000L, saved.month());
        assertEquals(0, new BigDecimal("0.8").compareTo(saved.softThreshold()));
        Budgets.KeyBudget key = saved.keys().stream().filter(k -> k.keyId().equals(ci.id())).findFirst().orElseThrow();
        assertEquals(new Budgets.KeyBudget(ci.id(), "ci", 100L, null), key);
        assertTrue(saved.keys().stream().noneMatch(k -> k.keyId().equals(gone.id())), "a revoked key has no budget");
        assertEquals(List.of(saved), published.subList(1, 2), "what was saved is what was published");
        assertEquals(Optional.of(saved), budgets.of("acme"));
    }

    @Test
    void shouldChangeNothingWhenPublishingFails() {
        Budgets.TenantBudgets before = budgets.of("acme").orElseThrow();
        assertThrows(IllegalStateException.class, () -> budgets.setTenant("acme", 1L, 2L, null, b -> {
            throw new IllegalStateException("Kafka is away");
        }));
        assertEquals(before, budgets.of("acme").orElseThrow());
    }

    @Test
    void shouldFindNothingToChangeForAnUnknownTenantOrKey() {
        List<Budgets.TenantBudgets> published = new ArrayList<>();
        assertEquals(Optional.empty(), budgets.setTenant("nobody", 1L, null, null, published::add));
        assertEquals(Optional.empty(), budgets.setKey("acme", "key_unknown", 1L, null, published::add));
        assertEquals(Optional.empty(), budgets.of("nobody"));
        assertEquals(List.of(), published);
    }

    @Test
    void shouldSumTheSettledSpendOfADayAndItsMonthPerKeyByTheDayEachRequestWasSubmitted() {
        ResultSink sink = new ResultSink(asService);
        // submitted on the 30th, finished on the 1st of December: charged to November's budgets
        sink.store(spent("s-1", "key_x", "2026-11-30T23:59:00Z", "2026-12-01T00:01:00Z", 10, 5));
        sink.store(spent("s-2", "key_x", "2026-11-28T10:00:00Z", "2026-11-28T10:01:00Z", 100, 50));
        sink.store(spent("s-3", null, "2026-11-28T11:00:00Z", "2026-11-28T11:01:00Z", 1, 2));
        sink.store(spent("s-4", "key_y", "2026-11-02T11:00:00Z", "2026-11-02T11:01:00Z", 7, 0));

        Budgets.Spending spending = budgets.spending("acme", java.time.LocalDate.parse("2026-11-28"));

        assertEquals(new Budgets.Spent(153, 175), spending.tenant());
        assertEquals(new Budgets.Spent(150, 165), spending.ofKey("key_x"));
        assertEquals(new Budgets.Spent(0, 7), spending.ofKey("key_y"));
        assertEquals(new Budgets.Spent(0, 0), spending.ofKey("key_none"));
        assertEquals(new Budgets.Spent(15, 165),
                budgets.spending("acme", java.time.LocalDate.parse("2026-11-30")).ofKey("key_x"));
    }

    private static io.thinkmeter.contracts.ProblemResult spent(String id, String key, String submitted, String finished,
                                                               int prompt, int generated) {
        java.time.Instant at = java.time.Instant.parse(finished);
        return new io.thinkmeter.contracts.ProblemResult(io.thinkmeter.contracts.ProblemResult.SCHEMA_VERSION, id,
                null, "acme", null, null, "1", "t", "a", prompt, generated, 0, 0, generated, 500,
                io.thinkmeter.contracts.StopReason.NATURAL, "tiny-reasoner", io.thinkmeter.contracts.Method.NONE, null,
                null, io.thinkmeter.contracts.Pool.SHORT, "worker-1", new io.thinkmeter.contracts.Timings(
                java.time.Instant.parse(submitted), at, at, 0L, 0L), null, key);
    }

    @Test
    void shouldRefuseNegativeLimitsAndThresholdsOutOfRange() {
        assertThrows(IllegalArgumentException.class, () -> budgets.setTenant("acme", -1L, null, null, b -> { }));
        assertThrows(IllegalArgumentException.class,
                () -> budgets.setTenant("acme", null, null, BigDecimal.ONE, b -> { }));
        assertThrows(IllegalArgumentException.class, () -> budgets.setKey("acme", "k", null, -5L, b -> { }));
    }
}
