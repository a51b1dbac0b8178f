package io.thinkmeter.sink;

import io.thinkmeter.storage.LedgerEntry;
import io.thinkmeter.storage.Rejections;
import io.thinkmeter.storage.ResultSink;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.util.ArrayList;
import java.util.List;

/**
 * Stores one poll's records in one database transaction. When that transaction fails because of a
 * record's content ({@link FailureClassifier.Kind#DATA}), the records are written again one by one,
 * each behind a savepoint in a single transaction, to find the culprits: every record that can be
 * stored is, and each one that cannot becomes a {@link Refusal} (a submitted request is also filed in
 * rejections, so auditors see it). Any other failure is thrown, with nothing committed, for the
 * caller to retry the whole poll.
 */
final class PollTransaction {

    private static final Logger LOG = LoggerFactory.getLogger(PollTransaction.class);

    /**
     * @param newResults results stored for the first time
     * @param charged the ledger rows written for them
     */
    record Outcome(int newResults, List<LedgerEntry> charged, List<Refusal> refusals) {
        static final Outcome NOTHING = new Outcome(0, List.of(), List.of());
    }

    private PollTransaction() {}

    /**
     * @param c a connection with auto-commit off, used by nobody else
     * @throws SQLException or a RuntimeException for a failure not about the data: nothing was committed
     */
    static Outcome store(Connection c, List<SinkRecord> records) throws SQLException {
        try {
            ResultSink.Stored stored = PollWriter.write(c, records);
            c.commit();
            return new Outcome(stored.stored(), stored.charged(), List.of());
        } catch (SQLException | RuntimeException e) {
            rollbackQuietly(c, e);
            if (!aboutTheData(e)) {
                throw e;
            }
            LOG.warn("a record of this poll cannot be stored ({}); writing its {} records one by one",
                    FailureClassifier.describe(e), records.size());
        }
        try {
            Outcome outcome = oneByOne(c, records);
            c.commit();
            return outcome;
        } catch (SQLException | RuntimeException e) {
            rollbackQuietly(c, e);
            throw e;
        }
    }

    private static Outcome oneByOne(Connection c, List<SinkRecord> records) throws SQLException {
        int fresh = 0;
        List<LedgerEntry> charged = new ArrayList<>();
        List<Refusal> refusals = new ArrayList<>();
        for (SinkRecord record : records) {
            Savepoint before = c.setSavepoint();
            try {
                ResultSink.Stored stored = PollWriter.write(c, List.of(record));
                c.releaseSavepoint(before);
                fresh += stored.stored();
                charged.addAll(stored.charged());
            } catch (SQLException | RuntimeException e) {
                if (!aboutTheData(e)) {
                    throw e; // not this record's fault: the whole poll is retried later
                }
                c.rollback(before);
                refusals.add(refuse(c, record, FailureClassifier.describe(e)));
            }
        }
        return new Outcome(fresh, charged, refusals);
    }

    private static Refusal refuse(Connection c, SinkRecord record, String why) throws SQLException {
        Refusal refusal = Refusal.of(record.source(), why);
        if (!(record instanceof SinkRecord.Submitted submitted)) {
            return refusal;
        }
        Savepoint before = c.setSavepoint();
        try {
            Rejections.record(c, submitted.request(), refusal.reason());
            c.releaseSavepoint(before);
            return refusal;
        } catch (SQLException | RuntimeException e) {
            if (!aboutTheData(e)) {
                throw e;
            }
            c.rollback(before);
            return refusal.adding("nor could it be filed in rejections: " + FailureClassifier.describe(e));
        }
    }

    private static boolean aboutTheData(Exception e) {
        return FailureClassifier.classify(e) == FailureClassifier.Kind.DATA;
    }

    private static void rollbackQuietly(Connection c, Exception cause) {
        try {
            c.rollback();
        } catch (SQLException rollbackFailure) {
            // the first failure is the one worth reporting; a broken connection is replaced anyway
            cause.addSuppressed(rollbackFailure);
        }
    }
}
