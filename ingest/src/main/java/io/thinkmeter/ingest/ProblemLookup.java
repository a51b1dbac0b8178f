package io.thinkmeter.ingest;

import io.thinkmeter.storage.StorageException;
import jakarta.enterprise.context.ApplicationScoped;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Optional;

/**
 * Where one problem stands, as far as PostgreSQL knows: its stored result, else its request row's
 * state. Always within the caller's tenant, so another tenant's id looks unknown, not forbidden.
 */
@ApplicationScoped
public class ProblemLookup {

    private static final String RESULT = "SELECT " + ResultRows.COLUMNS
            + " FROM results WHERE request_id = ? AND tenant_id = ?";
    private static final String REQUEST = "SELECT state, reject_reason FROM requests WHERE id = ? AND tenant_id = ?";
    private static final String SUBMITTED =
            "SELECT problem, budget, method FROM requests WHERE id = ? AND tenant_id = ?";

    private final DataSource dataSource;

    public ProblemLookup(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** Empty when PostgreSQL has neither a result nor a request row for this id and tenant. */
    public Optional<ProblemView> find(String tenant, String id) {
        try (Connection c = dataSource.getConnection()) {
            try (PreparedStatement ps = c.prepareStatement(RESULT)) {
                ps.setString(1, id);
                ps.setString(2, tenant);
                try (ResultSet rs = ps.executeQuery()) {
                    if (rs.next()) {
                        return Optional.of(ProblemView.finished(ResultRows.read(rs)));
                    }
                }
            }
            try (PreparedStatement ps = c.prepareStatement(REQUEST)) {
                ps.setString(1, id);
                ps.setString(2, tenant);
                try (ResultSet rs = ps.executeQuery()) {
                    if (!rs.next()) {
                        return Optional.empty();
                    }
                    // done or error without a result row cannot happen (the sink writes both together);
                    // anything short of rejected is still waiting for its result
                    return Optional.of(ProblemView.REJECTED.equals(rs.getString(1))
                            ? ProblemView.rejected(id, rs.getString(2))
                            : ProblemView.submitted(id));
                }
            }
        } catch (SQLException e) {
            throw new StorageException("could not read problem " + id + " of tenant " + tenant, e);
        }
    }

    /** {@link Fingerprints#problem} of the stored request; empty when PostgreSQL has no request row for it. */
    public Optional<String> fingerprint(String tenant, String id) {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(SUBMITTED)) {
            ps.setString(1, id);
            ps.setString(2, tenant);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(Fingerprints.problem(rs.getString(1), rs.getInt(2), rs.getString(3)))
                        : Optional.empty();
            }
        } catch (SQLException e) {
            throw new StorageException("could not read request " + id + " of tenant " + tenant, e);
        }
    }
}
