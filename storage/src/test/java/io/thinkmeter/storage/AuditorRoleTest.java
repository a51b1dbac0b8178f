package io.thinkmeter.storage;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import javax.sql.DataSource;
import java.sql.SQLException;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** A login user given thinkmeter_auditor, as the migrations README tells an administrator to do. */
class AuditorRoleTest {

    private static final String AUDITOR = "audit_alice";
    private static DataSource asAuditor;

    @BeforeAll
    static void auditorLogin() throws SQLException {
        DataSource db = TestDatabases.migratedDatabase("auditor");
        new ResultSink(db).store(Fixtures.result("audited-1", "acme"));
        // roles are server-wide and the server is shared by all test classes
        Fixtures.execute(db, "DROP ROLE IF EXISTS " + AUDITOR);
        Fixtures.execute(db, "CREATE ROLE " + AUDITOR + " LOGIN PASSWORD 'alices-password'");
        Fixtures.execute(db, "GRANT thinkmeter_auditor TO " + AUDITOR);
        String database = Fixtures.text(db, "SELECT current_database()");
        asAuditor = TestDatabases.server().dataSource(database, AUDITOR, "alices-password");
    }

    @ParameterizedTest
    @ValueSource(strings = {"spend_per_tenant_day", "spend_per_pool", "spend_per_method", "spend_per_batch",
            "thinking_vs_answer", "spend_per_model_level"})
    void shouldLetAnAuditorReadEveryView(String view) throws SQLException {
        assertEquals(1, Fixtures.count(asAuditor, "SELECT count(*) FROM " + view));
    }

    @ParameterizedTest
    @ValueSource(strings = {"results", "requests", "token_ledger", "api_keys", "tenants", "batches", "model_prices",
            "reservation_releases"})
    void shouldDenyAnAuditorEveryTable(String table) {
        SQLException e = assertThrows(SQLException.class, () -> Fixtures.count(asAuditor, "SELECT count(*) FROM " + table));

        assertEquals("42501", e.getSQLState(), e.getMessage()); // insufficient_privilege
    }

    @Test
    void shouldNotLetAnAuditorWriteTheLedger() {
        SQLException e = assertThrows(SQLException.class, () -> Fixtures.execute(asAuditor, """
                INSERT INTO token_ledger (request_id, tenant_id, day, prompt_tokens, thinking_tokens, answer_tokens,
                                          injected_tokens, generated_tokens)
                VALUES ('forged', 'acme', current_date, 0, 0, 0, 0, 0)
                """));

        assertEquals("42501", e.getSQLState(), e.getMessage());
    }

    @Test
    void shouldGrantTheAuditorRoleSelectOnTheAuditViewsAndNothingElse() throws SQLException {
        assertEquals("SELECT on ledger_entries, SELECT on rejected_requests, SELECT on result_tokens, "
                + "SELECT on spend_per_batch, SELECT on spend_per_method, SELECT on spend_per_model_level, "
                + "SELECT on spend_per_pool, SELECT on spend_per_tenant_day, SELECT on spend_releases, "
                + "SELECT on thinking_vs_answer", Fixtures.text(asAuditor, """
                SELECT string_agg(privilege_type || ' on ' || table_name, ', ' ORDER BY table_name, privilege_type)
                FROM information_schema.role_table_grants WHERE grantee = 'thinkmeter_auditor'
                """));
    }
}
