package io.thinkmeter.storage;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.thinkmeter.contracts.Json;
import io.thinkmeter.contracts.ProblemRequest;
import io.thinkmeter.contracts.RejectedRequest;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Locale;
import java.util.Optional;

/**
 * Keeps the requests ingest accepted and what became of them. Each call is idempotent, because the
 * submitted and rejected topics are delivered at least once and in no fixed order with the results:
 * <ul>
 *   <li>a request inserted again keeps its first row;</li>
 *   <li>a request inserted after its result starts as done (or error);</li>
 *   <li>a rejection that arrives before its submission inserts the request already rejected, and the
 *       submission that follows changes nothing.</li>
 * </ul>
 */
public final class RequestStore {

    public enum State { SUBMITTED, REJECTED, DONE, ERROR }

    private static final String INSERT = """
            INSERT INTO requests (id, tenant_id, batch_id, sequence, client_id, problem, budget, method, level,
                                  stop_temperature, answer_reserve, sampling, priority, pool, submitted_at,
                                  state, reject_reason)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?::jsonb, ?, ?, ?,
                    coalesce(?, (SELECT CASE WHEN error IS NULL THEN 'done' ELSE 'error' END
                                 FROM results WHERE request_id = ?), 'submitted'),
                    ?)
            ON CONFLICT (id) DO NOTHING
            """;

    // only a request still waiting can be rejected: a finished one was run, and that stands
    private static final String REJECT = """
            UPDATE requests SET state = 'rejected', reject_reason = ?
            WHERE id = ? AND state IN ('submitted', 'rejected')
            """;

    private final DataSource dataSource;

    public RequestStore(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** @return true when this call inserted the request, false when its id was already there */
    public boolean insert(ProblemRequest request) {
        requireStorable(request);
        return Transactions.inTransaction(dataSource, "insert request " + request.id(),
                c -> insert(c, request, null) == 1);
    }

    /**
     * Marks a stored request rejected, with the reason the user will read.
     *
     * @return false when no request has this id
     * @throws IllegalStateException when the request already has a result
     */
    public boolean markRejected(String requestId, String reason) {
        Sql.requireText(requestId, "id", "a rejection");
        Sql.requireText(reason, "reason", "the rejection of request " + requestId);
        return Transactions.inTransaction(dataSource, "reject request " + requestId,
                c -> reject(c, requestId, reason));
    }

    /**
     * Records a rejection from the rejected topic in {@code rejections}, whatever the request held;
     * a request that fits the {@code requests} table is also stored there (or marked) as rejected.
     */
    public void reject(RejectedRequest rejected) {
        ProblemRequest request = rejected.request();
        if (request == null) {
            throw new IllegalArgumentException("cannot store a rejection without its request");
        }
        String id = Sql.requireText(request.id(), "id", "a rejected request");
        Sql.requireText(rejected.reason(), "reason", "the rejection of request " + id);
        String payload = payload(request);
        boolean storable = isStorable(request);
        Transactions.inTransaction(dataSource, "reject request " + id, c -> {
            try (PreparedStatement ps = c.prepareStatement(INSERT_REJECTION)) {
                ps.setString(1, id);
                ps.setString(2, request.tenant());
                ps.setString(3, request.batch());
                Sql.setText(ps, 4, rejected.reason());
                ps.setString(5, payload);
                ps.executeUpdate();
            }
            if (storable && insert(c, request, rejected.reason()) == 0) {
                reject(c, id, rejected.reason());
            }
            return null;
        });
    }

    private static final String INSERT_REJECTION = """
            INSERT INTO rejections (request_id, tenant_id, batch_id, reason, payload)
            VALUES (?, ?, ?, ?, ?::jsonb)
            ON CONFLICT (request_id) DO NOTHING
            """;

    private static String payload(ProblemRequest request) {
        try {
            return io.thinkmeter.contracts.Json.forServices().writeValueAsString(request).replace("\\u0000", "");
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalArgumentException("request " + request.id() + " cannot be written as JSON", e);
        }
    }

    /** Whether the request fits the constraints of the requests table. */
    public static boolean isStorable(ProblemRequest r) {
        try {
            requireStorable(r);
            return true;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    /** The request's state and, when rejected, why; empty when no request has this id. */
    public Optional<Status> status(String requestId) {
        return Transactions.inTransaction(dataSource, "read the state of request " + requestId, c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT state, reject_reason FROM requests WHERE id = ?")) {
                ps.setString(1, requestId);
                try (var rs = ps.executeQuery()) {
                    return rs.next()
                            ? Optional.of(new Status(State.valueOf(rs.getString(1).toUpperCase(Locale.ROOT)),
                                    rs.getString(2)))
                            : Optional.empty();
                }
            }
        });
    }

    /** @param rejectReason null for a plain submission */
    public record Status(State state, String rejectReason) {}

    private static int insert(Connection c, ProblemRequest r, String rejectReason) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(INSERT)) {
            int i = 0;
            ps.setString(++i, r.id());
            ps.setString(++i, r.tenant());
            ps.setString(++i, r.batch());
            Sql.setInteger(ps, ++i, r.sequence());
            ps.setString(++i, r.clientId());
            Sql.setText(ps, ++i, r.problem());
            ps.setInt(++i, r.budget());
            ps.setString(++i, r.method());
            ps.setString(++i, r.level());
            Sql.setDouble(ps, ++i, r.stopTemperature());
            Sql.setInteger(ps, ++i, r.answerReserve());
            ps.setString(++i, samplingJson(r));
            ps.setInt(++i, r.priority());
            Sql.setPool(ps, ++i, r.pool());
            Sql.setInstant(ps, ++i, r.submittedAt() == null ? Instant.now() : r.submittedAt());
            ps.setString(++i, rejectReason == null ? null : "rejected");
            ps.setString(++i, r.id());
            Sql.setText(ps, ++i, rejectReason);
            return ps.executeUpdate();
        }
    }

    private static boolean reject(Connection c, String requestId, String reason) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(REJECT)) {
            Sql.setText(ps, 1, reason);
            ps.setString(2, requestId);
            if (ps.executeUpdate() == 1) {
                return true;
            }
        }
        try (PreparedStatement ps = c.prepareStatement("SELECT state FROM requests WHERE id = ?")) {
            ps.setString(1, requestId);
            try (var rs = ps.executeQuery()) {
                if (!rs.next()) {
                    return false;
                }
                throw new IllegalStateException("request " + requestId + " cannot be rejected: it is already "
                        + rs.getString(1) + " (reason given: " + reason + ")");
            }
        }
    }

    private static String samplingJson(ProblemRequest r) {
        if (r.sampling() == null) {
            return null;
        }
        try {
            return Json.forServices().writeValueAsString(r.sampling());
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("request " + r.id() + " has sampling options that do not serialise: "
                    + e.getOriginalMessage(), e);
        }
    }

    private static void requireStorable(ProblemRequest r) {
        if (r == null) {
            throw new IllegalArgumentException("cannot store a null request");
        }
        String id = Sql.requireText(r.id(), "id", "a request");
        Sql.requireText(r.tenant(), "tenant", "request " + id);
        Sql.requireText(r.problem(), "problem", "request " + id);
        Sql.requireText(r.method(), "method", "request " + id);
        if (r.budget() < 1) {
            throw new IllegalArgumentException("request " + id + " has budget " + r.budget() + "; it must be at least 1");
        }
    }
}
