package io.thinkmeter.ingest;

import io.thinkmeter.storage.StorageException;
import jakarta.enterprise.context.ApplicationScoped;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Optional;

/**
 * Reads the {@code batches} table. Ingest does not write it: the storage sink stores each row from
 * the batch's {@code BatchAccepted} record, which ingest commits in the same Kafka transaction as the
 * batch's requests, so a batch that exists is complete.
 */
@ApplicationScoped
public class BatchStore {

    /**
     * A batch, as its tenant sees it.
     *
     * @param fingerprint {@link Fingerprints#batch} of what was submitted; null for batches from before V8
     */
    public record Batch(String id, String tenant, Instant createdAt, String inputFormat, int requestCount,
                        String fingerprint) {}

    private final DataSource dataSource;

    public BatchStore(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** Empty when the batch does not exist or belongs to another tenant. */
    public Optional<Batch> find(String tenant, String id) {
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement("SELECT created_at, input_format, request_count, fingerprint"
                     + " FROM batches WHERE id = ? AND tenant_id = ?")) {
            ps.setString(1, id);
            ps.setString(2, tenant);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next()
                        ? Optional.of(new Batch(id, tenant, rs.getObject(1, OffsetDateTime.class).toInstant(),
                                rs.getString(2), rs.getInt(3), rs.getString(4)))
                        : Optional.empty();
            }
        } catch (SQLException e) {
            throw new StorageException("could not read batch " + id + " of tenant " + tenant, e);
        }
    }
}
