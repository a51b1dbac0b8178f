package io.thinkmeter.storage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.thinkmeter.contracts.ReservationReleased;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;

class ReservationReleasesTest {

    private static DataSource db;
    private static ReservationReleases releases;

    @BeforeAll
    static void database() {
        db = TestDatabases.migratedDatabase("releases");
        releases = new ReservationReleases(db);
    }

    static ReservationReleased release(String id, long tokens) {
        return new ReservationReleased(ReservationReleased.SCHEMA_VERSION, id, "acme", "key-1", "b-1", tokens,
                "no result within 10m", Instant.parse("2026-03-02T10:00:00Z"), Instant.parse("2026-03-02T10:10:00Z"));
    }

    @Test
    void shouldFileEachReleaseOnceAndShowItToAuditors() throws SQLException {
        assertTrue(releases.record(release("rel-1", 1200)));
        assertFalse(releases.record(release("rel-1", 1200)));
        try (Connection c = db.getConnection()) {
            c.setAutoCommit(false);
            assertEquals(1, ReservationReleases.recordAll(c, List.of(release("rel-2", 5), release("rel-1", 1200),
                    release("rel-2", 5))));
            c.commit();
        }

        assertEquals(1200, Fixtures.count(db, "SELECT reserved_tokens FROM spend_releases WHERE request_id = 'rel-1'"));
        assertEquals("key-1 no result within 10m 2026-03-02 10:10:00+00", Fixtures.text(db,
                "SELECT api_key_id || ' ' || reason || ' ' || (released_at AT TIME ZONE 'UTC')::text || '+00'"
                        + " FROM reservation_releases WHERE request_id = 'rel-1'"));
        assertEquals(2, Fixtures.count(db, "SELECT count(*) FROM reservation_releases"));
    }

    @Test
    void shouldRefuseAReleaseTheTableCannotHoldWithTheReason() {
        IllegalArgumentException negative = assertThrows(IllegalArgumentException.class,
                () -> releases.record(release("rel-neg", -1)));
        assertTrue(negative.getMessage().contains("negative reserved_tokens"), negative.getMessage());
        IllegalArgumentException noTenant = assertThrows(IllegalArgumentException.class, () -> releases.record(
                new ReservationReleased(1, "rel-x", null, null, null, 1, "why", null, null)));
        assertTrue(noTenant.getMessage().contains("has no tenant"), noTenant.getMessage());
    }

    @Test
    void shouldNeverChangeARelease() {
        releases.record(release("rel-fixed", 7));

        SQLException refused = assertThrows(SQLException.class,
                () -> Fixtures.execute(db, "DELETE FROM reservation_releases WHERE request_id = 'rel-fixed'"));
        assertTrue(refused.getMessage().contains("reservation_releases is append-only"), refused.getMessage());
    }
}
