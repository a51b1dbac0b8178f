package io.thinkmeter.ingest;

import io.thinkmeter.contracts.ProblemResult;
import io.thinkmeter.storage.StorageException;
import jakarta.enterprise.context.ApplicationScoped;

import javax.sql.DataSource;
import java.io.IOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/** Reads how far a batch has got: outcome counts, tokens spent, and its results in input order. */
@ApplicationScoped
public class BatchReports {

    /** A result for each outcome the sink stored; a rejection counts only when no result overtook it. */
    private static final String SUMMARY = """
            SELECT count(*) FILTER (WHERE error IS NULL),
                   count(*) FILTER (WHERE error IS NOT NULL),
                   coalesce(sum(prompt_tokens), 0), coalesce(sum(generated_tokens), 0),
                   coalesce(sum(thinking_tokens), 0), coalesce(sum(answer_tokens), 0),
                   coalesce(sum(injected_tokens), 0),
                   (SELECT count(*) FROM requests q
                    WHERE q.batch_id = ? AND q.tenant_id = ? AND q.state = 'rejected'
                      AND NOT EXISTS (SELECT 1 FROM results x WHERE x.request_id = q.id))
            FROM results WHERE batch_id = ? AND tenant_id = ?
            """;
    // request_id breaks ties, so pages never overlap even if two results claim one sequence
    private static final String PAGE = "SELECT " + ResultRows.COLUMNS
            + " FROM results WHERE batch_id = ? AND tenant_id = ? ORDER BY sequence, request_id LIMIT ? OFFSET ?";
    private static final String ALL = "SELECT " + ResultRows.COLUMNS
            + " FROM results WHERE batch_id = ? AND tenant_id = ? ORDER BY sequence, request_id";
    private static final String STORED = "SELECT count(*) FROM results WHERE batch_id = ? AND tenant_id = ?";
    /** Rows fetched per round trip when streaming, so a 100,000-result download is never all in memory. */
    private static final int STREAM_FETCH_SIZE = 500;

    @FunctionalInterface
    public interface ResultConsumer {
        void accept(ProblemResult result) throws IOException;
    }

    private final DataSource dataSource;

    public BatchReports(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    public BatchViews.Status status(BatchStore.Batch batch) {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(SUMMARY)) {
            ps.setString(1, batch.id());
            ps.setString(2, batch.tenant());
            ps.setString(3, batch.id());
            ps.setString(4, batch.tenant());
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                long done = rs.getLong(1);
                long error = rs.getLong(2);
                long rejected = rs.getLong(8);
                long prompt = rs.getLong(3);
                long generated = rs.getLong(4);
                // never negative, even if the sink stored results for lines the batch row does not count
                long submitted = Math.max(0, batch.requestCount() - done - error - rejected);
                return new BatchViews.Status(batch.id(), batch.requestCount(), batch.createdAt(), batch.inputFormat(),
                        new BatchViews.Counts(submitted, done, error, rejected),
                        new BatchViews.Tokens(prompt, generated, rs.getLong(5), rs.getLong(6), rs.getLong(7),
                                prompt + generated));
            }
        } catch (SQLException e) {
            throw new StorageException("could not summarise batch " + batch.id(), e);
        }
    }

    /** How many results of the batch are stored. */
    public long stored(BatchStore.Batch batch) {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(STORED)) {
            ps.setString(1, batch.id());
            ps.setString(2, batch.tenant());
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        } catch (SQLException e) {
            throw new StorageException("could not count the results of batch " + batch.id(), e);
        }
    }

    /** One page of stored results, in input order. */
    public List<ProblemResult> page(BatchStore.Batch batch, int page, int size) {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(PAGE)) {
            ps.setString(1, batch.id());
            ps.setString(2, batch.tenant());
            ps.setInt(3, size);
            ps.setLong(4, (long) page * size);
            List<ProblemResult> results = new ArrayList<>(size);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    results.add(ResultRows.read(rs));
                }
            }
            return results;
        } catch (SQLException e) {
            throw new StorageException("could not read page " + page + " of batch " + batch.id(), e);
        }
    }

    /** Hands every stored result of the batch to {@code each}, in input order, a few hundred rows at a time. */
    public void forEach(BatchStore.Batch batch, ResultConsumer each) throws IOException {
        try (Connection c = dataSource.getConnection()) {
            // PostgreSQL's driver only streams with a fetch size inside a transaction
            c.setAutoCommit(false);
            try (PreparedStatement ps = c.prepareStatement(ALL)) {
                ps.setFetchSize(STREAM_FETCH_SIZE);
                ps.setString(1, batch.id());
                ps.setString(2, batch.tenant());
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        each.accept(ResultRows.read(rs));
                    }
                }
            } finally {
                // read-only: nothing to keep; end the transaction before the pool takes the connection back
                c.rollback();
            }
        } catch (SQLException e) {
            throw new StorageException("could not read the results of batch " + batch.id(), e);
        }
    }
}
