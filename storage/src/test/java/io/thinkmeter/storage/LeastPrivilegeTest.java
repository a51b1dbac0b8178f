package io.thinkmeter.storage;

import io.thinkmeter.testkit.EmbeddedPostgres;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

import javax.sql.DataSource;
import java.sql.SQLException;

/**
 * The services' own login cannot break the ledger's append-only rule: not by the statements it is
 * refused, nor by the owner's or superuser's ways around the trigger.
 */
class LeastPrivilegeTest {

    private static final String DATABASE = "least_privilege";
    private static DataSource asService;
    private static DataSource asOwner;

    @BeforeAll
    static void setUp() throws SQLException {
        EmbeddedPostgres server = TestDatabases.server();
        DatabaseSetup.ensure(new DatabaseLogin(EmbeddedPostgres.SUPERUSER, server.superuserPassword()), server.jdbcUrl(DATABASE), "owner-pw", "service-pw");
        asService = server.dataSource(DATABASE, DatabaseSetup.SERVICE_LOGIN, "service-pw");
        asOwner = server.dataSource(DATABASE, DatabaseSetup.OWNER, "owner-pw");
        // what the services do: a request, its result and its ledger row, a rejection, a tenant and key
        Fixtures.execute(asService, "INSERT INTO tenants (id, name) VALUES ('acme', 'Acme')");
        new ApiKeys(asService).create("acme", "least privilege");
        new RequestStore(asService).insert(Fixtures.request("lp-1", "acme"));
        new ResultSink(asService).store(Fixtures.result("lp-1", "acme"));
        Fixtures.execute(asService, "UPDATE results SET correct = true WHERE request_id = 'lp-1'");
        // V12: the services add prices and file releases, and chain the ledger (the advisory lock needs no grant)
        new Prices(asService).put(new Prices.Price("lp-model", java.time.LocalDate.parse("2026-01-01"),
                java.math.BigDecimal.ONE, java.math.BigDecimal.TEN, "EUR"));
        new ReservationReleases(asService).record(new io.thinkmeter.contracts.ReservationReleased(1, "lp-2", "acme",
                null, null, 96, "no result in time", null, java.time.Instant.now()));
    }

    @Test
    void theServicesShouldWorkUnderTheirOwnLoginWhichIsNoSuperuser() throws SQLException {
        assertEquals(1, Fixtures.count(asService, "SELECT count(*) FROM token_ledger WHERE request_id = 'lp-1'"));
        assertEquals("done", Fixtures.text(asService, "SELECT state FROM requests WHERE id = 'lp-1'"));
        assertEquals("false", Fixtures.text(asService, "SELECT rolsuper::text FROM pg_roles WHERE rolname = current_user"));
        assertEquals(DatabaseSetup.OWNER, Fixtures.text(asService,
                "SELECT tableowner FROM pg_tables WHERE tablename = 'token_ledger'"));
        assertEquals("false", Fixtures.text(asOwner, "SELECT rolsuper::text FROM pg_roles WHERE rolname = current_user"));
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "UPDATE token_ledger SET generated_tokens = 0",
            "DELETE FROM token_ledger",
            "TRUNCATE token_ledger",
            "ALTER TABLE token_ledger DISABLE TRIGGER ALL",
            "ALTER TABLE token_ledger DISABLE TRIGGER token_ledger_no_update_or_delete",
            "DROP TRIGGER token_ledger_no_update_or_delete ON token_ledger",
            "SET session_replication_role = replica",
            "DROP TABLE token_ledger",
            "DELETE FROM results",
            "UPDATE results SET generated_tokens = 0",
            "DELETE FROM requests",
            "DELETE FROM api_keys",
            "UPDATE api_keys SET tenant_id = 'other'",
            "CREATE TABLE shadow_ledger (x int)",
            "CREATE FUNCTION f() RETURNS int LANGUAGE sql AS 'SELECT 1'",
            "ALTER ROLE thinkmeter_app SUPERUSER",
            "DELETE FROM flyway_schema_history",
            "UPDATE model_prices SET input_per_million = 0",
            "DELETE FROM model_prices",
            "UPDATE reservation_releases SET reserved_tokens = 0",
            "DELETE FROM reservation_releases",
            "ALTER TABLE reservation_releases DISABLE TRIGGER ALL"})
    void theServiceLoginShouldBeRefused(String statement) {
        SQLException e = assertThrows(SQLException.class, () -> Fixtures.execute(asService, statement));
        assertEquals("42501", e.getSQLState(), statement + ": " + e.getMessage()); // insufficient_privilege
    }

    @Test
    void theLedgerShouldBeUnchangedAfterEveryAttempt() throws SQLException {
        assertEquals(1, Fixtures.count(asOwner, "SELECT count(*) FROM token_ledger"));
        assertTrue(Fixtures.count(asOwner, "SELECT generated_tokens FROM token_ledger") > 0);
    }

    @Test
    void aDatabaseMadeAndMigratedByTheSuperuserShouldComeUnderTheSameRule() throws SQLException {
        EmbeddedPostgres server = TestDatabases.server();
        DataSource old = server.database("made_by_superuser"); // as a container's POSTGRES_DB would, then
        io.thinkmeter.migrations.Migrations.migrate(old);       // migrated as the superuser by an older version
        DatabaseSetup.ensure(new DatabaseLogin(EmbeddedPostgres.SUPERUSER, server.superuserPassword()), server.jdbcUrl("made_by_superuser"), "owner-pw", "service-pw");
        DataSource service = server.dataSource("made_by_superuser", DatabaseSetup.SERVICE_LOGIN, "service-pw");
        assertEquals(0, Fixtures.count(old, "SELECT count(*) FROM pg_tables WHERE schemaname = 'public' "
                + "AND tableowner <> '" + DatabaseSetup.OWNER + "'"), "every table is the owner's now");
        SQLException e = assertThrows(SQLException.class,
                () -> Fixtures.execute(service, "ALTER TABLE token_ledger DISABLE TRIGGER ALL"));
        assertEquals("42501", e.getSQLState(), e.getMessage());
    }

    @Test
    void settingUpAgainShouldChangeNothingButThePasswords() throws SQLException {
        EmbeddedPostgres server = TestDatabases.server();
        DatabaseSetup.ensure(new DatabaseLogin(EmbeddedPostgres.SUPERUSER, server.superuserPassword()), server.jdbcUrl(DATABASE), "owner-pw", "service-pw");
        assertEquals(1, Fixtures.count(asService, "SELECT count(*) FROM results"));
        assertFalse(Fixtures.text(asService, "SELECT string_agg(privilege_type, ',') FROM "
                + "information_schema.role_table_grants WHERE grantee = 'thinkmeter_service' "
                + "AND table_name = 'token_ledger'").contains("DELETE"));
    }
}
