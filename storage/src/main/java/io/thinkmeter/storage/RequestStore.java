package io.thinkmeter.storage;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.thinkmeter.contracts.ChatMessage;
import io.thinkmeter.contracts.Json;
import io.thinkmeter.contracts.Method;
import io.thinkmeter.contracts.ProblemRequest;
import io.thinkmeter.contracts.RejectedRequest;
import io.thinkmeter.contracts.RequestState;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * Keeps the requests ingest accepted and what became of them. Each call is idempotent, because the
 * submitted and rejected topics are delivered at least once and in no fixed order with the results:
 * <ul>
 *   <li>a request inserted again keeps its first row;</li>
 *   <li>a request inserted after its result starts as done (or error);</li>
 *   <li>a rejection that arrives before its submission inserts the request already rejected, and the
 *       submission that follows changes nothing.</li>
 * </ul>
 * The {@code insertAll} and {@code rejectAll} methods do the same on a caller's connection and
 * transaction, for the storage sink, which writes a whole poll of records at once, in one statement.
 */
public final class RequestStore {

    // A request whose result came first starts done (or error); one filed with a reject reason starts rejected.
    private static final String INSERT = """
            INSERT INTO requests (id, tenant_id, batch_id, sequence, client_id, problem, budget, method, level,
                                  stop_temperature, answer_reserve, sampling, priority, pool, submitted_at,
                                  messages, end_user, thinking_limit, min_thinking, api_key_id, state, reject_reason)
            SELECT u.id, u.tenant_id, u.batch_id, u.sequence, u.client_id, u.problem, u.budget, u.method, u.level,
                   u.stop_temperature, u.answer_reserve, u.sampling, u.priority, u.pool, u.submitted_at,
                   u.messages, u.end_user, u.thinking_limit, u.min_thinking, u.api_key_id,
                   CASE WHEN u.reject_reason IS NOT NULL THEN %s
                        ELSE coalesce((SELECT %s FROM results r WHERE r.request_id = u.id), %s) END,
                   u.reject_reason
            FROM unnest(?::text[], ?::text[], ?::text[], ?::int4[], ?::text[], ?::text[], ?::int4[], ?::text[],
                        ?::text[], ?::float8[], ?::int4[], ?::jsonb[], ?::int4[], ?::text[], ?::timestamptz[],
                        ?::jsonb[], ?::text[], ?::int4[], ?::int4[], ?::text[], ?::text[])
                 AS u(id, tenant_id, batch_id, sequence, client_id, problem, budget, method, level,
                      stop_temperature, answer_reserve, sampling, priority, pool, submitted_at,
                      messages, end_user, thinking_limit, min_thinking, api_key_id, reject_reason)
            ON CONFLICT (id) DO NOTHING
            RETURNING id
            """.formatted(Sql.literal(RequestState.REJECTED), ResultTable.STATE_OF_RESULT,
            Sql.literal(RequestState.SUBMITTED));

    // only a request still waiting can be rejected: a finished one was run, and that stands
    private static final String REJECT = "UPDATE requests SET state = " + Sql.literal(RequestState.REJECTED)
            + ", reject_reason = ? WHERE id = ? AND state IN (" + Sql.literal(RequestState.SUBMITTED) + ", "
            + Sql.literal(RequestState.REJECTED) + ")";

    private final DataSource dataSource;

    public RequestStore(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** @return true when this call inserted the request, false when its id was already there */
    public boolean insert(ProblemRequest request) {
        requireStorable(request);
        return Transactions.inTransaction(dataSource, "insert request " + request.id(),
                c -> insertAll(c, List.of(request)) == 1);
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
        return Transactions.inTransaction(dataSource, "reject request " + requestId, c -> {
            if (markRejected(c, requestId, reason)) {
                return true;
            }
            Optional<String> state = state(c, requestId);
            if (state.isPresent()) {
                throw new IllegalStateException("request " + requestId + " cannot be rejected: it is already "
                        + state.get() + " (reason given: " + reason + ")");
            }
            return false;
        });
    }

    /**
     * Records a rejection from the rejected topic in {@code rejections}, whatever the request held;
     * a request that fits the {@code requests} table is also stored there (or marked) as rejected.
     *
     * @throws IllegalArgumentException when the rejection cannot be filed, or its request already ran
     */
    public void reject(RejectedRequest rejected) {
        requireRejection(rejected);
        Transactions.inTransaction(dataSource, "reject request " + rejected.request().id(), c -> {
            rejectAll(c, List.of(rejected));
            return null;
        });
    }

    /**
     * Inserts the submitted requests on {@code c}, inside the caller's transaction (nothing is committed
     * here), in one statement. Ids already there, and repeats inside {@code requests}, are skipped.
     *
     * @return how many requests this call inserted
     * @throws IllegalArgumentException before any write, when a request breaks the table's rules
     */
    public static int insertAll(Connection c, List<ProblemRequest> requests) throws SQLException {
        if (requests.isEmpty()) {
            return 0;
        }
        requests.forEach(RequestStore::requireStorable);
        return insertEach(c, byId(requests, ProblemRequest::id).stream().map(r -> new Row(r, null)).toList()).size();
    }

    /**
     * {@link #reject(RejectedRequest)} for many, on {@code c}, inside the caller's transaction, with one
     * statement per step.
     *
     * @throws IllegalArgumentException before any write when a rejection cannot be filed; after, when a
     *         request already ran (its result stands, a rejection cannot undo it), so the caller rolls back
     */
    public static void rejectAll(Connection c, List<RejectedRequest> unordered) throws SQLException {
        if (unordered.isEmpty()) {
            return;
        }
        unordered.forEach(RequestStore::requireRejection);
        List<RejectedRequest> rejected = byId(unordered, r -> r.request().id());
        Rejections.recordAll(c, rejected);
        List<RejectedRequest> storable = rejected.stream().filter(r -> isStorable(r.request())).toList();
        if (storable.isEmpty()) {
            return;
        }
        Set<String> inserted = insertEach(c, storable.stream().map(r -> new Row(r.request(), r.reason())).toList());
        List<RejectedRequest> present = storable.stream().filter(r -> !inserted.contains(r.request().id())).toList();
        markAllRejected(c, present);
    }

    /** The usual case: the rejection comes after the submission was stored, in a later poll. */
    private static void markAllRejected(Connection c, List<RejectedRequest> present) throws SQLException {
        if (present.isEmpty()) {
            return;
        }
        int[] marked;
        try (PreparedStatement ps = c.prepareStatement(REJECT)) {
            for (RejectedRequest r : present) {
                Sql.setText(ps, 1, r.reason());
                ps.setString(2, r.request().id());
                ps.addBatch();
            }
            marked = ps.executeBatch();
        }
        for (int i = 0; i < marked.length; i++) {
            if (marked[i] == 0) {
                String id = present.get(i).request().id();
                throw new IllegalArgumentException("request " + id + " cannot be rejected: it is already "
                        + state(c, id).orElse("gone"));
            }
        }
    }

    /** Whether the request can be a row of requests: it meets the table's constraints and PostgreSQL can hold its text. */
    public static boolean isStorable(ProblemRequest r) {
        try {
            requireStorable(r);
            return true;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    /**
     * Whether the request meets the constraints of the requests table (an id, a tenant, a problem, a
     * method, a budget of at least 1), leaving aside whether PostgreSQL can hold its text.
     */
    public static boolean meetsTableConstraints(ProblemRequest r) {
        try {
            requireTableConstraints(r);
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
                            ? Optional.of(new Status(RequestState.fromWireName(rs.getString(1)),
                                    rs.getString(2)))
                            : Optional.empty();
                }
            }
        });
    }

    /** @param rejectReason null for a plain submission */
    public record Status(RequestState state, String rejectReason) {}

    /** What was submitted, as far as telling a resubmission from another problem under the same id needs. */
    public record Submitted(String problem, int budget, Method method) {}

    /** The request's state and, when rejected, why; empty when the tenant has no request with this id. */
    public Optional<Status> status(String tenant, String requestId) {
        return Transactions.inTransaction(dataSource, "read the state of request " + requestId, c -> {
            try (PreparedStatement ps = c.prepareStatement(
                    "SELECT state, reject_reason FROM requests WHERE id = ? AND tenant_id = ?")) {
                ps.setString(1, requestId);
                ps.setString(2, tenant);
                try (var rs = ps.executeQuery()) {
                    return rs.next()
                            ? Optional.of(new Status(RequestState.fromWireName(rs.getString(1)), rs.getString(2)))
                            : Optional.empty();
                }
            }
        });
    }

    /** The stored request's problem, budget and method; empty when the tenant has no request with this id. */
    public Optional<Submitted> submitted(String tenant, String requestId) {
        return Transactions.inTransaction(dataSource, "read request " + requestId, c -> {
            try (PreparedStatement ps = c.prepareStatement(
                    "SELECT problem, budget, method FROM requests WHERE id = ? AND tenant_id = ?")) {
                ps.setString(1, requestId);
                ps.setString(2, tenant);
                try (var rs = ps.executeQuery()) {
                    return rs.next()
                            ? Optional.of(new Submitted(rs.getString(1), rs.getInt(2), Method.fromWireName(rs.getString(3))))
                            : Optional.empty();
                }
            }
        });
    }

    /** A request to insert, and the reason when it is filed already rejected (null for a plain submission). */
    private record Row(ProblemRequest request, String rejectReason) {}

    /**
     * One INSERT for every row.
     *
     * @return the ids this call inserted (an id already there, or repeated in the list, is inserted once)
     */
    private static Set<String> insertEach(Connection c, List<Row> rows) throws SQLException {
        Instant now = Instant.now();
        Set<String> inserted = new HashSet<>();
        try (PreparedStatement ps = c.prepareStatement(INSERT)) {
            new ArrayParameters<>(c, ps, rows)
                    .text(row -> row.request().id())
                    .text(row -> row.request().tenant())
                    .text(row -> row.request().batch())
                    .int4(row -> row.request().sequence())
                    .text(row -> row.request().clientId())
                    .freeText(row -> row.request().problem())
                    .int4(row -> row.request().budget())
                    .name(row -> row.request().method())
                    .name(row -> row.request().level())
                    .float8(row -> row.request().stopTemperature())
                    .int4(row -> row.request().answerReserve())
                    .text(row -> samplingJson(row.request()))
                    .int4(row -> row.request().priority())
                    .name(row -> row.request().pool())
                    .instant(row -> row.request().submittedAt() == null ? now : row.request().submittedAt())
                    .text(row -> messagesJson(row.request()))
                    .freeText(row -> row.request().endUser())
                    .int4(row -> row.request().thinkingLimit())
                    .int4(row -> row.request().minThinking())
                    .text(row -> row.request().apiKeyId())
                    .freeText(Row::rejectReason);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    inserted.add(rs.getString(1));
                }
            }
        }
        return inserted;
    }

    /**
     * Two sinks writing overlapping lists (a rebalance replays a partition) lock the same ids; taking
     * them in one order means one waits for the other instead of both deadlocking.
     */
    private static <T> List<T> byId(List<T> items, Function<T, String> id) {
        return items.stream().sorted(Comparator.comparing(id)).toList();
    }

    /** @return false when no request with this id is waiting or rejected (none at all, or it already ran) */
    private static boolean markRejected(Connection c, String requestId, String reason) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(REJECT)) {
            Sql.setText(ps, 1, reason);
            ps.setString(2, requestId);
            return ps.executeUpdate() == 1;
        }
    }

    private static Optional<String> state(Connection c, String requestId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT state FROM requests WHERE id = ?")) {
            ps.setString(1, requestId);
            try (var rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(rs.getString(1)) : Optional.empty();
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

    /**
     * The conversation as jsonb text. A U+0000 in a message becomes U+FFFD first, as in every text column:
     * jsonb refuses the escape {@code \u0000} that JSON would write for it.
     */
    private static String messagesJson(ProblemRequest r) {
        if (r.messages() == null) {
            return null;
        }
        List<ChatMessage> storable = r.messages().stream()
                .map(m -> new ChatMessage(Sql.withoutNul(m.role()), Sql.withoutNul(m.content()))).toList();
        try {
            return Json.forServices().writeValueAsString(storable);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("request " + r.id() + " has messages that do not serialise: "
                    + e.getOriginalMessage(), e);
        }
    }

    private static void requireStorable(ProblemRequest r) {
        requireTableConstraints(r);
        String id = r.id();
        String of = "request " + id;
        Sql.requireStorableIdentifier(id, "id", of);
        Sql.requireStorableIdentifier(r.tenant(), "tenant", of);
        Sql.requireStorableIdentifier(r.batch(), "batch", of);
        Sql.requireStorableIdentifier(r.clientId(), "client_id", of);
        Sql.requireStorableIdentifier(r.apiKeyId(), "api_key_id", of);
    }

    private static void requireTableConstraints(ProblemRequest r) {
        if (r == null) {
            throw new IllegalArgumentException("cannot store a null request");
        }
        String id = Sql.requireText(r.id(), "id", "a request");
        String of = "request " + id;
        Sql.requireText(r.tenant(), "tenant", of);
        Sql.requireText(r.problem(), "problem", of);
        Sql.requirePresent(r.method(), "method", of);
        if (r.budget() < 1) {
            throw new IllegalArgumentException(of + " has budget " + r.budget() + "; it must be at least 1");
        }
    }

    private static void requireRejection(RejectedRequest rejected) {
        if (rejected == null) {
            throw new IllegalArgumentException("cannot store a null rejection");
        }
        Rejections.requireRecordable(rejected.request(), rejected.reason());
    }
}
