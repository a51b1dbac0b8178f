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
 * The {@code batches} table, the one table ingest writes: a batch's row is inserted only after Kafka
 * acknowledged all its requests, so a batch that exists is complete.
 */
@ApplicationScoped
public class BatchStore {

    /** A stored batch, as its tenant sees it. */
    public record Batch(String id, String tenant, Instant createdAt, String inputFormat, int requestCount) {}

    private final DataSource dataSource;

    public BatchStore(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    public void insert(String id, String tenant, String inputFormat, int requestCount) {
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement(
                     "INSERT INTO batches (id, tenant_id, input_format, request_count) VALUES (?, ?, ?, ?)")) {
            ps.setString(1, id);
            ps.setString(2, tenant);
            ps.setString(3, inputFormat);
            ps.setInt(4, requestCount);
            ps.executeUpdate();
        } catch (SQLException e) {
            throw new StorageException("could not record batch " + id + " of tenant " + tenant
                    + " (its " + requestCount + " requests are in Kafka)", e);
        }
    }

    /** Empty when the batch does not exist or belongs to another tenant. */
    public Optional<Batch> find(String tenant, String id) {
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement(
                     "SELECT created_at, input_format, request_count FROM batches WHERE id = ? AND tenant_id = ?")) {
            ps.setString(1, id);
            ps.setString(2, tenant);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next()
                        ? Optional.of(new Batch(id, tenant, rs.getObject(1, OffsetDateTime.class).toInstant(),
                                rs.getString(2), rs.getInt(3)))
                        : Optional.empty();
            }
        } catch (SQLException e) {
            throw new StorageException("could not read batch " + id + " of tenant " + tenant, e);
        }
    }
}
