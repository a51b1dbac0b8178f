package io.thinkmeter.sink;

import io.thinkmeter.contracts.BatchAccepted;
import io.thinkmeter.contracts.ProblemRequest;
import io.thinkmeter.contracts.ProblemResult;
import io.thinkmeter.contracts.RejectedRequest;
import io.thinkmeter.contracts.ReservationReleased;
import io.thinkmeter.storage.AcceptedBatches;
import io.thinkmeter.storage.RequestStore;
import io.thinkmeter.storage.ReservationReleases;
import io.thinkmeter.storage.ResultSink;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * Writes records on a connection, grouped by table, one batched statement per table and step, so a
 * poll of thousands of records costs a handful of round trips. Every write is idempotent by id, and
 * the order of the tables does not change the outcome (a result before its request, a rejection
 * before its submission: see {@link RequestStore}); the transaction is the caller's.
 */
final class PollWriter {

    private PollWriter() {}

    /** @return the results that were new and the ledger rows charged for them */
    static ResultSink.Stored write(Connection c, List<SinkRecord> records) throws SQLException {
        List<BatchAccepted> batches = new ArrayList<>();
        List<ProblemRequest> submitted = new ArrayList<>();
        List<RejectedRequest> rejected = new ArrayList<>();
        List<ProblemResult> results = new ArrayList<>();
        List<ReservationReleased> released = new ArrayList<>();
        for (SinkRecord r : records) {
            if (r instanceof SinkRecord.Batch b) {
                batches.add(b.batch());
            } else if (r instanceof SinkRecord.Submitted s) {
                submitted.add(s.request());
            } else if (r instanceof SinkRecord.Rejected j) {
                rejected.add(j.rejected());
            } else if (r instanceof SinkRecord.Result t) {
                results.add(t.result());
            } else if (r instanceof SinkRecord.Released l) {
                released.add(l.release());
            }
        }
        AcceptedBatches.storeAll(c, batches);
        RequestStore.insertAll(c, submitted);
        RequestStore.rejectAll(c, rejected);
        ReservationReleases.recordAll(c, released);
        return ResultSink.storeCharging(c, results);
    }
}
