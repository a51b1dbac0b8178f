package io.thinkmeter.storage;

import io.thinkmeter.migrations.Migrations;
import org.junit.jupiter.api.Test;

import javax.sql.DataSource;
import java.sql.SQLException;

import static org.junit.jupiter.api.Assertions.assertEquals;

class MigrationsTest {

    @Test
    void shouldApplyEveryMigrationOnAnEmptyDatabaseAndNothingTheSecondTime() throws SQLException {
        DataSource ds = TestDatabases.emptyDatabase("migrations");

        assertEquals(13, Migrations.migrate(ds));
        assertEquals(0, Migrations.migrate(ds));

        assertEquals(7, Fixtures.count(ds, """
                SELECT count(*) FROM information_schema.tables
                WHERE table_schema = 'public' AND table_type = 'BASE TABLE'
                  AND table_name IN ('tenants', 'api_keys', 'batches', 'requests', 'results', 'token_ledger',
                                     'stop_temperature_calibration')
                """));
        assertEquals(6, Fixtures.count(ds, """
                SELECT count(*) FROM information_schema.views WHERE table_schema = 'public'
                  AND table_name IN ('spend_per_tenant_day', 'spend_per_pool', 'spend_per_method',
                                     'spend_per_batch', 'thinking_vs_answer', 'spend_per_model_level')
                """));
        assertEquals(2, Fixtures.count(ds, """
                SELECT count(*) FROM information_schema.columns
                WHERE table_name = 'batches' AND column_name IN ('idempotency_key', 'fingerprint')
                """));
        assertEquals(4, Fixtures.count(ds, """
                SELECT count(*) FROM information_schema.columns
                WHERE table_name = 'requests' AND column_name IN ('messages', 'end_user', 'thinking_limit', 'min_thinking')
                """));
        assertEquals(1, Fixtures.count(ds, "SELECT count(*) FROM pg_roles WHERE rolname = 'thinkmeter_auditor' AND NOT rolcanlogin"));
        assertEquals("17", Fixtures.text(ds, "SELECT current_setting('server_version_num')").substring(0, 2));
    }

    @Test
    void shouldMigrateASecondDatabaseOnTheSameServerAlthoughTheAuditorRoleExists() throws SQLException {
        TestDatabases.migratedDatabase("first");
        DataSource second = TestDatabases.emptyDatabase("second");

        assertEquals(13, Migrations.migrate(second));
    }
}
