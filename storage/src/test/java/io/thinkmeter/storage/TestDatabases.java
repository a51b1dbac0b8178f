package io.thinkmeter.storage;

import io.thinkmeter.testkit.EmbeddedPostgres;
import io.thinkmeter.migrations.Migrations;

import javax.sql.DataSource;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One real PostgreSQL server for the whole test run (starting one takes seconds), and a fresh,
 * migrated database per test class, so classes never see each other's rows. The server stops when
 * the test JVM exits.
 */
public final class TestDatabases {

    private static final AtomicInteger COUNTER = new AtomicInteger();
    private static EmbeddedPostgres server;

    private TestDatabases() {}

    public static synchronized EmbeddedPostgres server() {
        if (server == null) {
            server = EmbeddedPostgres.start();
            Runtime.getRuntime().addShutdownHook(new Thread(server::close, "embedded-postgres-stop"));
        }
        return server;
    }

    /** A new empty database, not yet migrated, as the superuser. */
    public static DataSource emptyDatabase(String purpose) {
        return server().database(purpose + "_" + COUNTER.incrementAndGet());
    }

    /** A new database at the current schema, as the superuser. */
    public static DataSource migratedDatabase(String purpose) {
        DataSource ds = emptyDatabase(purpose);
        Migrations.migrate(ds);
        return ds;
    }
}
