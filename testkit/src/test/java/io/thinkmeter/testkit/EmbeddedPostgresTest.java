package io.thinkmeter.testkit;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import javax.sql.DataSource;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.SQLException;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class EmbeddedPostgresTest {

    private static EmbeddedPostgres server;

    @BeforeAll
    static void start() {
        server = EmbeddedPostgres.start();
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void shouldServePostgres17OnLocalhost() throws SQLException {

        assertEquals("jdbc:postgresql://localhost:" + server.port() + "/postgres", server.jdbcUrl("postgres"));
        assertTrue(Queries.text(server.dataSource(), "SELECT version()").startsWith("PostgreSQL 17."));
    }

    @Test
    void shouldCreateANamedDatabaseOnceAndReuseIt() throws SQLException {
        DataSource first = server.database("reused_db");
        Queries.execute(first, "CREATE TABLE marker (x int)");

        DataSource again = server.database("reused_db");

        assertEquals(1, Queries.count(again, "SELECT count(*) FROM pg_tables WHERE tablename = 'marker'"));
    }

    @Test
    void shouldTakeAnyDatabaseNameAsANameNeverAsSql() throws SQLException {
        server.database("x; DROP DATABASE postgres");

        assertEquals(1, Queries.count(server.dataSource(), "SELECT count(*) FROM pg_database WHERE datname = ?",
                "x; DROP DATABASE postgres"));
        assertEquals(1, Queries.count(server.dataSource(), "SELECT count(*) FROM pg_database WHERE datname = 'postgres'"));
    }

    @Test
    void shouldKeepDataAcrossARestartOfAKeptServer() throws Exception {
        Path data = Files.createTempDirectory("thinkmeter-kept-test").resolve("pgdata");
        try (EmbeddedPostgres first = EmbeddedPostgres.startKeeping(data, 0)) {
            Queries.execute(first.database("kept"), "CREATE TABLE survivor AS SELECT 42 AS answer");
        }
        try (EmbeddedPostgres second = EmbeddedPostgres.startKeeping(data, 0)) {
            assertEquals(42, Queries.count(second.database("kept"), "SELECT answer FROM survivor"));
        }
        assertTrue(Files.exists(data.resolve("PG_VERSION")));
        deleteTree(data.getParent());
        assertFalse(Files.exists(data));
    }

    @Test
    void aKeptServerShouldBeDurableAndRequirePasswords() throws Exception {
        Path data = Files.createTempDirectory("thinkmeter-durable-test").resolve("pgdata");
        try (EmbeddedPostgres pg = EmbeddedPostgres.startKeeping(data, 0)) {
            DataSource ds = pg.dataSource();
            assertEquals("on", Queries.text(ds, "SHOW fsync"));
            assertEquals("on", Queries.text(ds, "SHOW synchronous_commit"));
            assertEquals("on", Queries.text(ds, "SHOW full_page_writes"));
            assertEquals("rw-------", PosixFilePermissions.toString(
                    Files.getPosixFilePermissions(pg.credentialsFile())), "the password file is its owner's only");
            assertPasswordRequired(pg);
        }
        try (EmbeddedPostgres again = EmbeddedPostgres.startKeeping(data, 0)) {
            assertEquals(1, Queries.count(again.dataSource(), "SELECT 1"), "the kept password works after a restart");
            assertPasswordRequired(again);
        }
        deleteTree(data.getParent());
    }

    @Test
    void aThrowawayServerShouldRequirePasswordsToo() {
        assertPasswordRequired(server);
    }

    @Test
    void aKilledServerShouldRecoverEveryCommittedRowOnRestart() throws Exception {
        Path data = Files.createTempDirectory("thinkmeter-crash-test").resolve("pgdata");
        int port;
        try (EmbeddedPostgres pg = EmbeddedPostgres.startKeeping(data, 0)) {
            port = pg.port();
            DataSource db = pg.database("crash");
            Queries.execute(db, "CREATE TABLE committed (n int)");
            for (int i = 0; i < 200; i++) {
                Queries.execute(db, "INSERT INTO committed VALUES (" + i + ")");
            }
            assertTrue(pg.isAlive());
            pg.kill();
            assertFalse(pg.isAlive(), "killed -9");
        }
        try (EmbeddedPostgres again = EmbeddedPostgres.startKeeping(data, port)) {
            assertEquals(200, Queries.count(again.database("crash"), "SELECT count(*) FROM committed"),
                    "every committed row survived the crash");
        }
        deleteTree(data.getParent());
    }

    private static void assertPasswordRequired(EmbeddedPostgres pg) {
        SQLException noPassword = assertThrows(SQLException.class, () -> Queries.count(
                pg.dataSource(EmbeddedPostgres.DATABASE, EmbeddedPostgres.SUPERUSER, null),
                "SELECT 1"));
        assertTrue(noPassword.getMessage().contains("password"), noPassword.getMessage());
        SQLException wrong = assertThrows(SQLException.class, () -> Queries.count(
                pg.dataSource(EmbeddedPostgres.DATABASE, EmbeddedPostgres.SUPERUSER, "guess"),
                "SELECT 1"));
        assertEquals("28P01", wrong.getSQLState(), wrong.getMessage()); // invalid_password
    }

    private static void deleteTree(Path root) throws java.io.IOException {
        try (var paths = Files.walk(root)) {
            for (Path p : (Iterable<Path>) paths.sorted(java.util.Comparator.reverseOrder())::iterator) {
                Files.delete(p);
            }
        }
    }
}
