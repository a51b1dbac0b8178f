package io.thinkmeter.storage;

import io.thinkmeter.contracts.BatchAccepted;
import io.thinkmeter.contracts.Method;
import io.thinkmeter.contracts.ProblemRequest;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class AcceptedBatchesTest {

    private static DataSource db;

    @BeforeAll
    static void database() {
        db = TestDatabases.migratedDatabase("accepted_batches");
    }

    @Test
    void shouldStoreEachBatchOnceWithEveryField() throws SQLException {
        BatchAccepted batch = new BatchAccepted(1, "b-once", "acme", "openai", 5000, "nightly-7", "9f86d081",
                Instant.parse("2026-03-02T10:00:00Z"));

        assertEquals(1, storeAll(List.of(batch, batch)));
        assertEquals(0, storeAll(List.of(batch)));

        assertEquals("acme|openai|5000|nightly-7|9f86d081|2026-03-02 10:00:00+00", Fixtures.text(db, """
                SELECT concat_ws('|', tenant_id, input_format, request_count, idempotency_key, fingerprint,
                                 created_at AT TIME ZONE 'UTC' || '+00')
                FROM batches WHERE id = 'b-once'
                """));
    }

    @Test
    void shouldKeepTheFirstRowWhenAResubmissionArrivesUnderTheSameId() throws SQLException {
        storeAll(List.of(new BatchAccepted(1, "b-first", "acme", "thinkmeter", 3, "k", "first", Instant.now())));
        storeAll(List.of(new BatchAccepted(1, "b-first", "acme", "thinkmeter", 4, "k", "second", Instant.now())));

        assertEquals("first", Fixtures.text(db, "SELECT fingerprint FROM batches WHERE id = 'b-first'"));
    }

    @Test
    void shouldDateABatchWithoutACreationTimeWhenStored() throws SQLException {
        storeAll(List.of(new BatchAccepted(1, "b-undated", "acme", "thinkmeter", 1, null, null, null)));

        assertEquals(1, Fixtures.count(db, "SELECT count(*) FROM batches WHERE id = 'b-undated' AND created_at > now() - interval '1 hour'"));
    }

    @Test
    void shouldRefuseABatchWithoutATenantBeforeWriting() throws SQLException {
        BatchAccepted good = new BatchAccepted(1, "b-good", "acme", "thinkmeter", 1, null, null, Instant.now());
        BatchAccepted noTenant = new BatchAccepted(1, "b-no-tenant", null, "thinkmeter", 1, null, null, Instant.now());

        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> storeAll(List.of(good, noTenant)));

        assertTrue(e.getMessage().contains("batch b-no-tenant has no tenant"), e.getMessage());
        assertEquals(0, Fixtures.count(db, "SELECT count(*) FROM batches WHERE id = 'b-good'"));
    }

    @Test
    void aBatchNamedOnKafkaIsReadFromItsTenantsStoredRequests() throws SQLException {
        Instant first = Instant.parse("2026-03-02T10:00:00Z");
        try (Connection c = db.getConnection()) {
            RequestStore.insertAll(c, List.of(kafkaRequest("k1", "acme", first.plusSeconds(5)),
                    kafkaRequest("k2", "acme", first), kafkaRequest("k3", "beta", first.minusSeconds(60))));
        }

        assertEquals(Optional.of(new BatchAccepted(1, "nightly-7", "acme", AcceptedBatches.KAFKA_INPUT_FORMAT, 2, null,
                null, first)), AcceptedBatches.findProducedToKafka(db, "acme", "nightly-7"));
        assertEquals(1, AcceptedBatches.findProducedToKafka(db, "beta", "nightly-7").orElseThrow().requestCount(),
                "another tenant's batch of the same name is its own");
        assertEquals(Optional.empty(), AcceptedBatches.findProducedToKafka(db, "gamma", "nightly-7"));
        assertEquals(Optional.empty(), AcceptedBatches.find(db, "acme", "nightly-7"), "no batches row is made");
    }

    private static ProblemRequest kafkaRequest(String id, String tenant, Instant at) {
        return new ProblemRequest(1, id, "q-" + id, tenant, "nightly-7", null, "Compute 1 + 2.", 48, Method.NONE, null,
                null, null, null, 0, null, at);
    }

    private static int storeAll(List<BatchAccepted> batches) throws SQLException {
        try (Connection c = db.getConnection()) {
            return AcceptedBatches.storeAll(c, batches);
        }
    }
}
