package io.thinkmeter.workers.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

import java.util.Map;

class OffsetTrackerTest {

    private final TopicPartition p0 = new TopicPartition("w", 0);
    private final TopicPartition p1 = new TopicPartition("w", 1);
    private final OffsetTracker tracker = new OffsetTracker();

    @Test
    void shouldNotCommitPastARecordStillDecoding() {
        tracker.started(p0, 10);
        tracker.started(p0, 11);
        tracker.started(p0, 12);
        tracker.finished(p0, 11);
        tracker.finished(p0, 12);
        assertEquals(Map.of(p0, new OffsetAndMetadata(10)), tracker.toCommit());
        tracker.committed(tracker.toCommit());
        tracker.finished(p0, 10);
        assertEquals(Map.of(p0, new OffsetAndMetadata(13)), tracker.toCommit());
        assertEquals(0, tracker.inFlight());
    }

    @Test
    void shouldCommitEachPartitionOnItsOwnAndOnlyWhenItMoves() {
        tracker.started(p0, 5);
        tracker.started(p1, 7);
        tracker.finished(p1, 7);
        assertEquals(Map.of(p0, new OffsetAndMetadata(5), p1, new OffsetAndMetadata(8)), tracker.toCommit());
        tracker.committed(tracker.toCommit());
        assertTrue(tracker.toCommit().isEmpty());
    }

    @Test
    void shouldOfferPositionsAgainUntilACommitSucceeds() {
        tracker.started(p0, 3);
        tracker.finished(p0, 3);
        assertEquals(Map.of(p0, new OffsetAndMetadata(4)), tracker.toCommit());
        // the commit failed (broker away): nothing was marked, so the same position is offered again
        assertEquals(Map.of(p0, new OffsetAndMetadata(4)), tracker.toCommit());
    }

    @Test
    void shouldCommitPastATransactionMarkerOnceNothingIsPending() {
        tracker.started(p0, 7);
        tracker.readUpTo(p0, 9); // ignored: offset 7 is still decoding
        assertEquals(Map.of(p0, new OffsetAndMetadata(7)), tracker.toCommit());
        tracker.finished(p0, 7);
        tracker.readUpTo(p0, 9); // the consumer read past the commit marker at offset 8
        assertEquals(Map.of(p0, new OffsetAndMetadata(9)), tracker.toCommit());
    }

    @Test
    void shouldIgnoreTheLateResultOfARecordForgottenWithItsPartitionAfterThePartitionCameBack() {
        tracker.started(p0, 18);
        tracker.forget(p0); // lost in a rebalance during a broker outage
        tracker.started(p0, 20); // assigned again; 18 will be redelivered to whoever reads from the commit
        tracker.finished(p0, 18); // the outbox's resend of 18 is acknowledged at last
        assertEquals(Map.of(p0, new OffsetAndMetadata(20)), tracker.toCommit(), "nothing past 20, still decoding");
    }

    @Test
    void shouldIgnoreResultsOfALostPartition() {
        tracker.started(p0, 1);
        tracker.forget(p0);
        tracker.finished(p0, 1);
        assertTrue(tracker.toCommit().isEmpty());
    }
}
