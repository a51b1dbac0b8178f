package io.thinkmeter.storage;

import io.thinkmeter.contracts.ProblemResult;
import io.thinkmeter.contracts.RequestState;

import javax.sql.DataSource;
import java.io.IOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Reads stored results back as the result contract, always within one tenant, so another tenant's
 * ids look unknown. {@link ResultSink} writes them; {@link ResultTable} knows the columns of both.
 */
public final class StoredResults {

    /**
     * What a batch has spent and how its requests ended, so far.
     *
     * @param rejected requests the scheduler refused and that no result overtook
     */
    public record BatchTotals(long done, long error, long rejected, long promptTokens, long generatedTokens,
                              long thinkingTokens, long answerTokens, long injectedTokens) {}

    /** A request of a batch the scheduler refused and that no result overtook. */
    public record Rejection(String requestId, String clientId, Integer sequence, String reason) {}

    /** Takes results one at a time; may fail with the I/O of wherever it sends them. */
    @FunctionalInterface
    public interface ResultConsumer {
        void accept(ProblemResult result) throws IOException;
    }

    private static final String ONE = "SELECT " + ResultTable.COLUMNS
            + " FROM results WHERE request_id = ? AND tenant_id = ?";
    // request_id breaks ties, so pages never overlap even if two results claim one sequence
    private static final String PAGE = "SELECT " + ResultTable.COLUMNS
            + " FROM results WHERE batch_id = ? AND tenant_id = ? ORDER BY sequence, request_id LIMIT ? OFFSET ?";
    private static final String ALL = "SELECT " + ResultTable.COLUMNS
            + " FROM results WHERE batch_id = ? AND tenant_id = ? ORDER BY sequence, request_id";
    private static final String COUNT = "SELECT count(*) FROM results WHERE batch_id = ? AND tenant_id = ?";
    /** A result for each outcome the sink stored; a rejection counts only when no result overtook it. */
    private static final String TOTALS = """
            SELECT count(*) FILTER (WHERE error IS NULL),
                   count(*) FILTER (WHERE error IS NOT NULL),
                   coalesce(sum(prompt_tokens), 0), coalesce(sum(generated_tokens), 0),
                   coalesce(sum(thinking_tokens), 0), coalesce(sum(answer_tokens), 0),
                   coalesce(sum(injected_tokens), 0),
                   (SELECT count(*) FROM requests q
                    WHERE q.batch_id = ? AND q.tenant_id = ? AND q.state = ?
                      AND NOT EXISTS (SELECT 1 FROM results x WHERE x.request_id = q.id))
            FROM results WHERE batch_id = ? AND tenant_id = ?
            """;
    private static final String REJECTIONS = """
            SELECT q.id, q.client_id, q.sequence, q.reject_reason FROM requests q
            WHERE q.batch_id = ? AND q.tenant_id = ? AND q.state = ?
              AND NOT EXISTS (SELECT 1 FROM results x WHERE x.request_id = q.id)
            ORDER BY q.sequence, q.id
            """;
    /** Rows fetched per round trip when streaming, so a 100,000-result download is never all in memory. */
    private static final int STREAM_FETCH_SIZE = 500;

    private final DataSource dataSource;

    public StoredResults(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** Empty when no result of this id is stored for this tenant. */
    public Optional<ProblemResult> find(String tenant, String requestId) {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(ONE)) {
            ps.setString(1, requestId);
            ps.setString(2, tenant);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(ResultTable.read(rs)) : Optional.empty();
            }
        } catch (SQLException e) {
            throw new StorageException("could not read the result of request " + requestId + " of tenant " + tenant, e);
        }
    }

    public BatchTotals totals(String tenant, String batch) {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(TOTALS)) {
            ps.setString(1, batch);
            ps.setString(2, tenant);
            ps.setString(3, RequestState.REJECTED.wireName());
            ps.setString(4, batch);
            ps.setString(5, tenant);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return new BatchTotals(rs.getLong(1), rs.getLong(2), rs.getLong(8), rs.getLong(3), rs.getLong(4),
                        rs.getLong(5), rs.getLong(6), rs.getLong(7));
            }
        } catch (SQLException e) {
            throw new StorageException("could not summarise batch " + batch, e);
        }
    }

    /** The batch's rejected requests without a result, in input order (as {@link BatchTotals#rejected} counts them). */
    public List<Rejection> rejections(String tenant, String batch) {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(REJECTIONS)) {
            ps.setString(1, batch);
            ps.setString(2, tenant);
            ps.setString(3, RequestState.REJECTED.wireName());
            List<Rejection> rejections = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    rejections.add(new Rejection(rs.getString(1), rs.getString(2), (Integer) rs.getObject(3),
                            rs.getString(4)));
                }
            }
            return rejections;
        } catch (SQLException e) {
            throw new StorageException("could not read the rejections of batch " + batch, e);
        }
    }

    /** How many results of the batch are stored. */
    public long count(String tenant, String batch) {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(COUNT)) {
            ps.setString(1, batch);
            ps.setString(2, tenant);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        } catch (SQLException e) {
            throw new StorageException("could not count the results of batch " + batch, e);
        }
    }

    /** Up to {@code limit} stored results of the batch from {@code offset} on, in input order. */
    public List<ProblemResult> page(String tenant, String batch, int limit, long offset) {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(PAGE)) {
            ps.setString(1, batch);
            ps.setString(2, tenant);
            ps.setInt(3, limit);
            ps.setLong(4, offset);
            List<ProblemResult> results = new ArrayList<>(limit);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    results.add(ResultTable.read(rs));
                }
            }
            return results;
        } catch (SQLException e) {
            throw new StorageException("could not read results " + offset + " to " + (offset + limit) + " of batch "
                    + batch, e);
        }
    }

    /** Hands every stored result of the batch to {@code each}, in input order, a few hundred rows at a time. */
    public void forEach(String tenant, String batch, ResultConsumer each) throws IOException {
        try (Connection c = dataSource.getConnection()) {
            // PostgreSQL's driver only streams with a fetch size inside a transaction
            c.setAutoCommit(false);
            try (PreparedStatement ps = c.prepareStatement(ALL)) {
                ps.setFetchSize(STREAM_FETCH_SIZE);
                ps.setString(1, batch);
                ps.setString(2, tenant);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        each.accept(ResultTable.read(rs));
                    }
                }
            } finally {
                // read-only: nothing to keep; end the transaction before the pool takes the connection back
                c.rollback();
            }
        } catch (SQLException e) {
            throw new StorageException("could not read the results of batch " + batch, e);
        }
    }
}
