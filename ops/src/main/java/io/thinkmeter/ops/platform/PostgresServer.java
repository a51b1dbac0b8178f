package io.thinkmeter.ops.platform;

import io.thinkmeter.storage.DatabaseLogin;
import io.thinkmeter.storage.DatabaseSetup;
import io.thinkmeter.testkit.EmbeddedPostgres;

import java.nio.file.Path;

/**
 * The platform's PostgreSQL under supervision: durable, passwords required, restarted on its data
 * directory and port (it recovers from its write-ahead log after a crash). Every start also makes
 * sure of the roles, the database and the schema, harmlessly when they are there already.
 */
final class PostgresServer implements Database {

    private final Path dataDirectory;
    private final int port;
    private final String ownerPassword;
    private final String servicePassword;
    private volatile EmbeddedPostgres postgres;

    PostgresServer(Path dataDirectory, int port, String ownerPassword, String servicePassword) {
        this.dataDirectory = dataDirectory;
        this.port = port;
        this.ownerPassword = ownerPassword;
        this.servicePassword = servicePassword;
    }

    @Override
    public String name() {
        return "postgres";
    }

    @Override
    public void start() {
        EmbeddedPostgres previous = postgres;
        if (previous != null) {
            // it died: let go of its lock on the directory before a new server takes it
            closeQuietly(previous);
        }
        EmbeddedPostgres started = EmbeddedPostgres.startKeeping(dataDirectory, port);
        try {
            DatabaseSetup.ensure(new DatabaseLogin(EmbeddedPostgres.SUPERUSER, started.superuserPassword()), started.jdbcUrl(NAME), ownerPassword, servicePassword);
        } catch (RuntimeException e) {
            started.close();
            throw e;
        }
        postgres = started;
    }

    @Override
    public boolean isAlive() {
        EmbeddedPostgres pg = postgres;
        return pg != null && pg.isAlive();
    }

    @Override
    public long pid() {
        EmbeddedPostgres pg = postgres;
        return pg == null ? -1 : pg.pid().orElse(-1L);
    }

    @Override
    public String exit() {
        return isAlive() ? "running" : "the postmaster ended; see " + (postgres == null ? dataDirectory : postgres.log());
    }

    @Override
    public void stop() {
        EmbeddedPostgres pg = postgres;
        if (pg != null) {
            pg.close();
        }
    }

    /** SIGKILL to the postmaster; the supervisor's restart then recovers from the WAL. */
    @Override
    public void kill() {
        EmbeddedPostgres pg = postgres;
        if (pg != null) {
            pg.kill();
        }
    }

    private static void closeQuietly(EmbeddedPostgres dead) {
        try {
            dead.close(); // pg_ctl stop finds no server; what matters is the released lock
        } catch (RuntimeException e) {
            // nothing more to clean up
        }
    }

    @Override
    public String jdbcUrl() {
        return "jdbc:postgresql://localhost:" + port + "/" + NAME;
    }

    @Override
    public DatabaseLogin superuser() {
        return new DatabaseLogin(EmbeddedPostgres.SUPERUSER, postgres.superuserPassword());
    }
}
