package io.thinkmeter.storage;

import io.thinkmeter.contracts.RequestState;

import javax.sql.DataSource;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * OpenAI batches ({@code openai_batches}): what OpenAI's Batches API shows of a batch whose requests run as
 * an ordinary internal batch. Every change of status is a conditional UPDATE from the status it leaves, so of
 * two ingest instances (or a retry after a crash) exactly one makes each transition; the other sees
 * {@code false} and leaves it.
 */
public final class OpenAiBatches {

    /** The statuses of the {@code status} column; {@code expiring} is ours (OpenAI shows it as in_progress). */
    public static final String VALIDATING = "validating";
    public static final String FAILED = "failed";
    public static final String IN_PROGRESS = "in_progress";
    public static final String FINALIZING = "finalizing";
    public static final String COMPLETED = "completed";
    public static final String EXPIRING = "expiring";
    public static final String EXPIRED = "expired";
    public static final String CANCELLING = "cancelling";
    public static final String CANCELLED = "cancelled";

    /**
     * One batch as stored.
     *
     * @param batchId the internal batch its requests were published as; null until then
     * @param lineStarts per input line, the sequence of its first request; null until published
     * @param errorsJson the {@code errors} object of a batch that failed validation, as JSON; else null
     * @param completedLines, failedLines set when it ended; null before
     */
    public record Batch(String id, String tenant, String apiKeyId, String inputFileId, String endpoint,
                        String completionWindow, String metadataJson, String status, String batchId,
                        int[] lineStarts, String[] customIds, Integer requestCount, String errorsJson,
                        String outputFileId, String errorFileId, Integer completedLines, Integer failedLines,
                        Instant createdAt, Instant expiresAt, Instant inProgressAt, Instant finalizingAt,
                        Instant completedAt, Instant failedAt, Instant expiredAt, Instant cancellingAt,
                        Instant cancelledAt) {

        public int lineCount() {
            return customIds == null ? 0 : customIds.length;
        }
    }

    /** A batch being created. @param expiresAt {@code createdAt} and the window, both from one clock */
    public record NewBatch(String id, String tenant, String apiKeyId, String inputFileId, String endpoint,
                           String completionWindow, String metadataJson, Instant createdAt, Instant expiresAt) {}

    /** Lines whose every request has an outcome, by how they ended. */
    public record LineCounts(long completed, long failed) {}

    /** A batch's output or error file, written in the transaction that ends the batch. */
    public record FileToWrite(String id, String filename, OpenAiFiles.ContentWriter content) {}

    private static final String COLUMNS = """
            id, tenant_id, api_key_id, input_file_id, endpoint, completion_window, metadata::text, status, batch_id,
            line_starts, custom_ids, request_count, errors::text, output_file_id, error_file_id, completed_lines,
            failed_lines, created_at, expires_at, in_progress_at, finalizing_at, completed_at, failed_at, expired_at,
            cancelling_at, cancelled_at
            """;
    private static final String OPEN = "'" + VALIDATING + "', '" + IN_PROGRESS + "', '" + FINALIZING + "', '"
            + EXPIRING + "', '" + CANCELLING + "'";
    /**
     * Per line (width_bucket of a request's sequence among the lines' first sequences), how many of its
     * requests have an outcome and whether one failed: a result with an error, or a rejection no result overtook.
     */
    private static final String PROGRESS = """
            WITH b AS (SELECT line_starts, request_count FROM openai_batches WHERE id = ?),
            outcome AS (
                SELECT r.sequence, r.error IS NOT NULL AS failed FROM results r WHERE r.batch_id = ? AND r.tenant_id = ?
                UNION ALL
                SELECT q.sequence, true FROM requests q
                WHERE q.batch_id = ? AND q.tenant_id = ? AND q.state = ?
                  AND NOT EXISTS (SELECT 1 FROM results x WHERE x.request_id = q.id)
            ),
            per_line AS (
                SELECT width_bucket(o.sequence, b.line_starts) AS line, count(*) AS outcomes, bool_or(o.failed) AS failed
                FROM outcome o, b GROUP BY 1
            )
            SELECT count(*) FILTER (WHERE NOT p.failed AND p.outcomes >= coalesce(b.line_starts[p.line + 1], b.request_count) - b.line_starts[p.line]),
                   count(*) FILTER (WHERE p.failed AND p.outcomes >= coalesce(b.line_starts[p.line + 1], b.request_count) - b.line_starts[p.line])
            FROM per_line p, b WHERE p.line > 0
            """;

    private final DataSource dataSource;

    public OpenAiBatches(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    public Batch create(NewBatch b) {
        Sql.requireStorableIdentifier(b.id(), "id", "a batch");
        return Transactions.inTransaction(dataSource, "create batch " + b.id(), c -> {
            try (PreparedStatement ps = c.prepareStatement("""
                    INSERT INTO openai_batches (id, tenant_id, api_key_id, input_file_id, endpoint, completion_window,
                                                metadata, status, created_at, expires_at)
                    VALUES (?, ?, ?, ?, ?, ?, ?::jsonb, ?, ?, ?) RETURNING\s""" + COLUMNS)) {
                ps.setString(1, b.id());
                ps.setString(2, b.tenant());
                ps.setString(3, b.apiKeyId());
                ps.setString(4, b.inputFileId());
                ps.setString(5, b.endpoint());
                ps.setString(6, b.completionWindow());
                ps.setString(7, b.metadataJson());
                ps.setString(8, VALIDATING);
                Sql.setInstant(ps, 9, b.createdAt());
                Sql.setInstant(ps, 10, b.expiresAt());
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    return read(rs);
                }
            }
        });
    }

    /** Empty when the tenant has no such batch. */
    public Optional<Batch> find(String tenant, String id) {
        List<Batch> found = query("SELECT " + COLUMNS + " FROM openai_batches WHERE id = ? AND tenant_id = ?",
                "read batch " + id, id, tenant);
        return found.stream().findFirst();
    }

    /** Up to {@code limit} of the tenant's batches, newest first, after the batch {@code after} (none: from the newest). */
    public List<Batch> list(String tenant, String after, int limit) {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement("SELECT " + COLUMNS
                + " FROM openai_batches b WHERE tenant_id = ? AND (?::text IS NULL OR (created_at, id) <"
                + " (SELECT created_at, id FROM openai_batches WHERE id = ? AND tenant_id = b.tenant_id))"
                + " ORDER BY created_at DESC, id DESC LIMIT ?")) {
            ps.setString(1, tenant);
            ps.setString(2, after);
            ps.setString(3, after);
            ps.setInt(4, limit);
            return readAll(ps);
        } catch (SQLException e) {
            throw new StorageException("could not list the batches of tenant " + tenant, e);
        }
    }

    /** Every batch not yet ended, of every tenant, oldest first: the tracker's work. */
    public List<Batch> open() {
        return query("SELECT " + COLUMNS + " FROM openai_batches WHERE status IN (" + OPEN + ") ORDER BY created_at",
                "list the open batches");
    }

    /**
     * Records the internal batch its lines were published as; a validating batch is now in progress (one
     * cancelled or expired meanwhile keeps that status, its requests now to be skipped).
     *
     * @return false when the batch was not validating, cancelling or expiring, or was published already
     */
    public boolean published(String id, String batchId, int[] lineStarts, String[] customIds, int requestCount) {
        return Transactions.inTransaction(dataSource, "record batch " + id + " as published", c -> {
            try (PreparedStatement ps = c.prepareStatement("""
                    UPDATE openai_batches SET batch_id = ?, line_starts = ?, custom_ids = ?, request_count = ?,
                        in_progress_at = now(),
                        status = CASE WHEN status = ? THEN ? ELSE status END
                    WHERE id = ? AND batch_id IS NULL AND status IN (?, ?, ?)
                    """)) {
                int i = 0;
                ps.setString(++i, batchId);
                ps.setArray(++i, c.createArrayOf("int4", Arrays.stream(lineStarts).boxed().toArray()));
                ps.setArray(++i, c.createArrayOf("text", customIds));
                ps.setInt(++i, requestCount);
                ps.setString(++i, VALIDATING);
                ps.setString(++i, IN_PROGRESS);
                ps.setString(++i, id);
                ps.setString(++i, VALIDATING);
                ps.setString(++i, CANCELLING);
                ps.setString(++i, EXPIRING);
                return ps.executeUpdate() == 1;
            }
        });
    }

    /** A validating batch whose input failed validation: failed, with OpenAI's {@code errors} object. */
    public boolean failValidation(String id, String errorsJson) {
        return update("UPDATE openai_batches SET status = ?, errors = ?::jsonb, failed_at = now(),"
                + " completed_lines = 0, failed_lines = 0 WHERE id = ? AND status = ?", id, FAILED, errorsJson, id,
                VALIDATING);
    }

    /**
     * Asks to stop a batch: validating or in progress becomes cancelling.
     *
     * @return the batch after the call, and whether this call cancelled it; empty when the tenant has no such batch
     */
    public Optional<Batch> cancel(String tenant, String id) {
        update("UPDATE openai_batches SET status = ?, cancelling_at = now() WHERE id = ? AND tenant_id = ?"
                + " AND status IN (?, ?)", id, CANCELLING, id, tenant, VALIDATING, IN_PROGRESS);
        return find(tenant, id);
    }

    /** A batch whose window ran out: validating or in progress becomes expiring. */
    public boolean expire(String id) {
        return update("UPDATE openai_batches SET status = ? WHERE id = ? AND status IN (?, ?) AND expires_at <= now()",
                id, EXPIRING, id, VALIDATING, IN_PROGRESS);
    }

    /** An in-progress batch whose every request has an outcome starts finalizing. */
    public boolean startFinalizing(String id) {
        return update("UPDATE openai_batches SET status = ?, finalizing_at = now() WHERE id = ? AND status = ?", id,
                FINALIZING, id, IN_PROGRESS);
    }

    /**
     * Ends a batch in one transaction: its output and error files (either may be null: none; one that
     * comes out empty is not kept) and its final status, with the lines of each file as its counts.
     * Nothing is written unless the batch was still in {@code from}.
     *
     * @param to completed, cancelled or expired
     * @return false when the batch had left {@code from} (another instance ended it)
     */
    public boolean finish(Batch batch, String from, String to, FileToWrite output, FileToWrite errors) {
        String stamp = switch (to) {
            case COMPLETED -> "completed_at";
            case CANCELLED -> "cancelled_at";
            case EXPIRED -> "expired_at";
            default -> throw new IllegalArgumentException("a batch does not end as " + to);
        };
        return Transactions.inTransaction(dataSource, "end batch " + batch.id(), c -> {
            // claimed first: a second instance waits on the row lock, then finds the status changed and writes nothing
            try (PreparedStatement ps = c.prepareStatement("UPDATE openai_batches SET status = ?, " + stamp
                    + " = now() WHERE id = ? AND status = ?")) {
                ps.setString(1, to);
                ps.setString(2, batch.id());
                ps.setString(3, from);
                if (ps.executeUpdate() == 0) {
                    return false;
                }
            }
            OpenAiFiles.StoredFile out = write(c, batch, output);
            OpenAiFiles.StoredFile err = write(c, batch, errors);
            try (PreparedStatement ps = c.prepareStatement("UPDATE openai_batches SET output_file_id = ?,"
                    + " error_file_id = ?, completed_lines = ?, failed_lines = ? WHERE id = ?")) {
                ps.setString(1, out == null ? null : out.id());
                ps.setString(2, err == null ? null : err.id());
                ps.setInt(3, out == null ? 0 : out.lines());
                ps.setInt(4, err == null ? 0 : err.lines());
                ps.setString(5, batch.id());
                ps.executeUpdate();
            }
            return true;
        });
    }

    private static OpenAiFiles.StoredFile write(Connection c, Batch batch, FileToWrite file) throws SQLException {
        if (file == null) {
            return null;
        }
        return OpenAiFiles.createUnlessEmpty(c, batch.tenant(), file.id(), file.filename(),
                OpenAiFiles.PURPOSE_BATCH_OUTPUT, file.content());
    }

    /** Lines of a published batch whose every request has an outcome, completed (all answered) or failed. */
    public LineCounts progress(Batch batch) {
        if (batch.batchId() == null) {
            return new LineCounts(0, 0);
        }
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(PROGRESS)) {
            ps.setString(1, batch.id());
            ps.setString(2, batch.batchId());
            ps.setString(3, batch.tenant());
            ps.setString(4, batch.batchId());
            ps.setString(5, batch.tenant());
            ps.setString(6, RequestState.REJECTED.wireName());
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return new LineCounts(rs.getLong(1), rs.getLong(2));
            }
        } catch (SQLException e) {
            throw new StorageException("could not count the progress of batch " + batch.id(), e);
        }
    }

    /**
     * Runs {@code work} only while holding the batch's PostgreSQL advisory lock, so one instance at a time
     * works on a batch; the lock goes with the connection, so a crashed instance holds nothing.
     *
     * @return what the work returned; empty when another instance holds the lock now
     */
    public <T> Optional<T> whileLocked(String id, Supplier<T> work) {
        try (Connection c = dataSource.getConnection()) {
            if (!advisory(c, "pg_try_advisory_lock", id)) {
                return Optional.empty();
            }
            try {
                return Optional.ofNullable(work.get());
            } finally {
                advisory(c, "pg_advisory_unlock", id);
            }
        } catch (SQLException e) {
            throw new StorageException("could not lock batch " + id, e);
        }
    }

    private static boolean advisory(Connection c, String function, String id) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT " + function + "(hashtextextended(?, 0))")) {
            ps.setString(1, "openai_batches:" + id);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getBoolean(1);
            }
        }
    }

    private boolean update(String sql, String id, String... parameters) {
        return Transactions.inTransaction(dataSource, "update batch " + id, c -> {
            try (PreparedStatement ps = c.prepareStatement(sql)) {
                for (int i = 0; i < parameters.length; i++) {
                    ps.setString(i + 1, parameters[i]);
                }
                return ps.executeUpdate() == 1;
            }
        });
    }

    private List<Batch> query(String sql, String what, String... parameters) {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) {
                ps.setString(i + 1, parameters[i]);
            }
            return readAll(ps);
        } catch (SQLException e) {
            throw new StorageException("could not " + what, e);
        }
    }

    private static List<Batch> readAll(PreparedStatement ps) throws SQLException {
        List<Batch> batches = new ArrayList<>();
        try (ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                batches.add(read(rs));
            }
        }
        return batches;
    }

    private static Batch read(ResultSet rs) throws SQLException {
        int i = 0;
        return new Batch(rs.getString(++i), rs.getString(++i), rs.getString(++i), rs.getString(++i), rs.getString(++i),
                rs.getString(++i), rs.getString(++i), rs.getString(++i), rs.getString(++i), ints(rs.getArray(++i)),
                texts(rs.getArray(++i)), (Integer) rs.getObject(++i), rs.getString(++i), rs.getString(++i),
                rs.getString(++i), (Integer) rs.getObject(++i), (Integer) rs.getObject(++i), instant(rs, ++i),
                instant(rs, ++i), instant(rs, ++i), instant(rs, ++i), instant(rs, ++i), instant(rs, ++i),
                instant(rs, ++i), instant(rs, ++i), instant(rs, ++i));
    }

    private static int[] ints(Array array) throws SQLException {
        if (array == null) {
            return null;
        }
        Integer[] boxed = (Integer[]) array.getArray();
        return Arrays.stream(boxed).mapToInt(Integer::intValue).toArray();
    }

    private static String[] texts(Array array) throws SQLException {
        return array == null ? null : (String[]) array.getArray();
    }

    private static Instant instant(ResultSet rs, int column) throws SQLException {
        OffsetDateTime t = rs.getObject(column, OffsetDateTime.class);
        return t == null ? null : t.toInstant();
    }
}
