package io.thinkmeter.storage;

import org.junit.jupiter.api.Test;

import javax.sql.DataSource;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class EmbeddedPostgresTest {

    @Test
    void shouldServePostgres17OnLocalhost() throws SQLException {
        EmbeddedPostgres server = TestDatabases.server();

        assertEquals("jdbc:postgresql://localhost:" + server.port() + "/postgres", server.jdbcUrl("postgres"));
        assertTrue(Fixtures.text(server.dataSource(), "SELECT version()").startsWith("PostgreSQL 17."));
    }

    @Test
    void shouldCreateANamedDatabaseOnceAndReuseIt() throws SQLException {
        DataSource first = TestDatabases.server().database("reused_db");
        Fixtures.execute(first, "CREATE TABLE marker (x int)");

        DataSource again = TestDatabases.server().database("reused_db");

        assertEquals(1, Fixtures.count(again, "SELECT count(*) FROM pg_tables WHERE tablename = 'marker'"));
    }

    @Test
    void shouldRefuseADatabaseNameThatIsNotAPlainIdentifier() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> TestDatabases.server().database("x; DROP DATABASE postgres"));

        assertTrue(e.getMessage().contains("database name must be"), e.getMessage());
    }

    @Test
    void shouldKeepDataAcrossARestartOfAKeptServer() throws Exception {
        Path data = Files.createTempDirectory("thinkmeter-kept-test").resolve("pgdata");
        try (EmbeddedPostgres first = EmbeddedPostgres.startKeeping(data, 0)) {
            Fixtures.execute(first.database("kept"), "CREATE TABLE survivor AS SELECT 42 AS answer");
        }
        try (EmbeddedPostgres second = EmbeddedPostgres.startKeeping(data, 0)) {
            assertEquals(42, Fixtures.count(second.database("kept"), "SELECT answer FROM survivor"));
        }
        assertTrue(Files.exists(data.resolve("PG_VERSION")));
        deleteTree(data.getParent());
        assertFalse(Files.exists(data));
    }

    private static void deleteTree(Path root) throws java.io.IOException {
        try (var paths = Files.walk(root)) {
            for (Path p : (Iterable<Path>) paths.sorted(java.util.Comparator.reverseOrder())::iterator) {
                Files.delete(p);
            }
        }
    }
}
