package io.thinkmeter.sink;

import io.thinkmeter.contracts.Json;
import io.thinkmeter.contracts.ProblemRequest;
import io.thinkmeter.contracts.Topics;
import io.thinkmeter.storage.Fixtures;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RecordReaderTest {

    @Test
    void shouldLeaveARequestTheTableCannotHoldToTheSchedulersRejection() throws Exception {
        ProblemRequest r = Fixtures.request("budget-0", "acme");
        ProblemRequest budget0 = new ProblemRequest(1, r.id(), null, "acme", null, null, r.problem(), 0, "none", null,
                null, null, null, 0, null, r.submittedAt());

        assertTrue(RecordReader.read(submitted(budget0)).isEmpty());
    }

    @Test
    void shouldWriteARequestThatBreaksTheContractButFitsTheTable() throws Exception {
        ProblemRequest r = Fixtures.request("method-x", "acme");
        ProblemRequest unknownMethod = new ProblemRequest(1, r.id(), null, "acme", null, null, r.problem(), 10, "x", null,
                null, null, null, 0, null, r.submittedAt());

        // stored as submitted now, marked rejected when the scheduler's rejection arrives
        assertInstanceOf(SinkRecord.Submitted.class, RecordReader.read(submitted(unknownMethod)).orElseThrow());
    }

    @Test
    void shouldWriteARequestWithTextPostgresCannotHoldSoThatItIsRefusedWithTheReason() throws Exception {
        ProblemRequest nul = PollTransactionTest.withClientId(Fixtures.request("nul", "acme"), "a\u0000b");

        assertInstanceOf(SinkRecord.Submitted.class, RecordReader.read(submitted(nul)).orElseThrow());
    }

    @Test
    void shouldRefuseARecordThatIsNotItsTopicsPayload() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> RecordReader.read(new ConsumerRecord<>(Topics.RESULTS, 0, 0L, "k", "{not json")));

        assertTrue(e.getMessage().startsWith("not a readable ProblemResult"), e.getMessage());
        assertThrows(IllegalArgumentException.class,
                () -> RecordReader.read(new ConsumerRecord<>(Topics.BATCHES, 0, 0L, "k", null)));
    }

    private static ConsumerRecord<String, String> submitted(ProblemRequest r) throws Exception {
        return new ConsumerRecord<>(Topics.SUBMITTED, 0, 0L, r.id(), Json.forServices().writeValueAsString(r));
    }
}
