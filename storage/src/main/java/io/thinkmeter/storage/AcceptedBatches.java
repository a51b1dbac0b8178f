package io.thinkmeter.storage;

import io.thinkmeter.contracts.BatchAccepted;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.Comparator;
import java.util.List;

/**
 * Writes the {@code batches} rows from the batches topic, once per batch id. Ingest derives a batch's
 * id from its tenant and idempotency key, so a resubmission and a redelivery both land on the row that
 * is already there and change nothing (ingest reads these rows to answer a resubmission).
 */
public final class AcceptedBatches {

    private static final String INSERT = """
            INSERT INTO batches (id, tenant_id, input_format, request_count, created_at, idempotency_key, fingerprint)
            VALUES (?, ?, ?, ?, coalesce(?, now()), ?, ?)
            ON CONFLICT (id) DO NOTHING
            """;

    private AcceptedBatches() {}

    /**
     * Stores the batches on {@code c}, inside the caller's transaction (nothing is committed here), in
     * one batched statement.
     *
     * @return how many batches this call stored
     * @throws IllegalArgumentException before any write, when a batch breaks the table's rules
     */
    public static int storeAll(Connection c, List<BatchAccepted> unordered) throws SQLException {
        if (unordered.isEmpty()) {
            return 0;
        }
        unordered.forEach(AcceptedBatches::requireStorable);
        // one lock order for every writer, as for requests and results
        List<BatchAccepted> batches = unordered.stream().sorted(Comparator.comparing(BatchAccepted::id)).toList();
        try (PreparedStatement ps = c.prepareStatement(INSERT)) {
            for (BatchAccepted b : batches) {
                int i = 0;
                ps.setString(++i, b.id());
                ps.setString(++i, b.tenant());
                ps.setString(++i, b.inputFormat());
                ps.setInt(++i, b.requestCount());
                Sql.setInstant(ps, ++i, b.createdAt());
                ps.setString(++i, b.idempotencyKey());
                ps.setString(++i, b.fingerprint());
                ps.addBatch();
            }
            int stored = 0;
            for (int n : ps.executeBatch()) {
                stored += n == 1 ? 1 : 0;
            }
            return stored;
        }
    }

    private static void requireStorable(BatchAccepted b) {
        if (b == null) {
            throw new IllegalArgumentException("cannot store a null batch");
        }
        String id = Sql.requireText(b.id(), "id", "a batch");
        String of = "batch " + id;
        Sql.requireText(b.tenant(), "tenant", of);
        Sql.requireText(b.inputFormat(), "input_format", of);
        if (b.requestCount() < 0) {
            throw new IllegalArgumentException(of + " has request_count " + b.requestCount() + "; it must be 0 or more");
        }
        Sql.requireStorableIdentifier(id, "id", of);
        Sql.requireStorableIdentifier(b.tenant(), "tenant", of);
        Sql.requireStorableIdentifier(b.inputFormat(), "input_format", of);
        Sql.requireStorableIdentifier(b.idempotencyKey(), "idempotency_key", of);
        Sql.requireStorableIdentifier(b.fingerprint(), "fingerprint", of);
    }
}
