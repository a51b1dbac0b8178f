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
    void shouldRefuseNegativeLimitsAndThresholdsOutOfRange() {
        assertThrows(IllegalArgumentException.class, () -> budgets.setTenant("acme", -1L, null, null, b -> { }));
        assertThrows(IllegalArgumentException.class,
                () -> budgets.setTenant("acme", null, null, BigDecimal.ONE, b -> { }));
        assertThrows(IllegalArgumentException.class, () -> budgets.setKey("acme", "k", null, -5L, b -> { }));
    }
}
