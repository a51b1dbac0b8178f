package io.thinkmeter.storage;

import io.thinkmeter.contracts.BatchAccepted;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

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

    private static final String FIND = """
            SELECT id, tenant_id, input_format, request_count, idempotency_key, fingerprint, created_at
            FROM batches WHERE id = ? AND tenant_id = ?
            """;

    /** The input format of a batch named by problems produced straight to Kafka, which has no batches row. */
    public static final String KAFKA_INPUT_FORMAT = "kafka";

    // A batch named on Kafka is open-ended (its producer may add problems at any time): it is what was stored of it.
    private static final String FROM_REQUESTS = """
            SELECT min(submitted_at), count(*) FROM requests WHERE batch_id = ? AND tenant_id = ?
            HAVING count(*) > 0
            """;

    private AcceptedBatches() {}

    /**
     * The stored batch as it was accepted; empty when the tenant has no batch with this id (another
     * tenant's batch looks unknown). Batches stored before V8 have no fingerprint.
     */
    public static Optional<BatchAccepted> find(DataSource dataSource, String tenant, String id) {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(FIND)) {
            ps.setString(1, id);
            ps.setString(2, tenant);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    return Optional.empty();
                }
                return Optional.of(new BatchAccepted(BatchAccepted.SCHEMA_VERSION, rs.getString(1), rs.getString(2),
                        rs.getString(3), rs.getInt(4), rs.getString(5), rs.getString(6),
                        rs.getObject(7, OffsetDateTime.class).toInstant()));
            }
        } catch (SQLException e) {
            throw new StorageException("could not read batch " + id + " of tenant " + tenant, e);
        }
    }

    /**
     * A batch its tenant named in problems produced straight to Kafka ({@code "batch": "nightly-7"}):
     * ingest accepted no such batch, so it has no row of its own; it is read from the requests stored
     * under its name: created when the first was submitted, counting those stored so far, in the
     * {@link #KAFKA_INPUT_FORMAT} format. Empty when the tenant has no request in a batch of this name.
     */
    public static Optional<BatchAccepted> findProducedToKafka(DataSource dataSource, String tenant, String id) {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(FROM_REQUESTS)) {
            ps.setString(1, id);
            ps.setString(2, tenant);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    return Optional.empty();
                }
                return Optional.of(new BatchAccepted(BatchAccepted.SCHEMA_VERSION, id, tenant, KAFKA_INPUT_FORMAT,
                        Math.toIntExact(rs.getLong(2)), null, null, rs.getObject(1, OffsetDateTime.class).toInstant()));
            }
        } catch (SQLException e) {
            throw new StorageException("could not read batch " + id + " of tenant " + tenant + " from its requests", e);
        }
    }

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
