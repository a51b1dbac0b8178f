package io.thinkmeter.sink;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.thinkmeter.contracts.Json;
import io.thinkmeter.contracts.Method;
import io.thinkmeter.contracts.ProblemRequest;
import io.thinkmeter.contracts.Topics;
import io.thinkmeter.storage.Fixtures;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

class RecordReaderTest {

    @Test
    void shouldLeaveARequestTheTableCannotHoldToTheSchedulersRejection() throws Exception {
        ProblemRequest r = Fixtures.request("budget-0", "acme");
        ProblemRequest budget0 = new ProblemRequest(1, r.id(), null, "acme", null, null, r.problem(), 0, Method.NONE, null,
                null, null, null, 0, null, r.submittedAt());

        assertTrue(RecordReader.read(submitted(budget0)).isEmpty());
    }

    @Test
    void shouldWriteARequestThatBreaksTheContractButFitsTheTable() throws Exception {
        ProblemRequest r = Fixtures.request("method-x", "acme");
        ProblemRequest tauWithoutTs = new ProblemRequest(1, r.id(), null, "acme", null, null, r.problem(), 10,
                Method.NONE, null, 2.0, null, null, 0, null, r.submittedAt());

        // stored as submitted now, marked rejected when the scheduler's rejection arrives
        assertInstanceOf(SinkRecord.Submitted.class, RecordReader.read(submitted(tauWithoutTs)).orElseThrow());
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
        IllegalArgumentException release = assertThrows(IllegalArgumentException.class,
                () -> RecordReader.read(new ConsumerRecord<>(Topics.SPEND_RELEASES, 0, 0L, "k", "[1, 2]")));
        assertTrue(release.getMessage().startsWith("not a readable ReservationReleased"), release.getMessage());
    }

    @Test
    void shouldRefuseANameTheContractDoesNotKnowWithTheSentenceNamingTheField() throws Exception {
        String result = Json.forServices().writeValueAsString(Fixtures.result("gave-up", "acme"))
                .replace("\"stop_reason\":\"natural\"", "\"stop_reason\":\"gave_up\"");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> RecordReader.read(new ConsumerRecord<>(Topics.RESULTS, 0, 0L, "gave-up", result)));
        assertEquals("not a readable ProblemResult: stop_reason must be one of natural, forced_at_cap, max_tokens, "
                + "error, cancelled; was 'gave_up'", e.getMessage());

        String request = Json.forServices().writeValueAsString(Fixtures.request("fast", "acme"))
                .replace("\"method\":\"ts\"", "\"method\":\"fast\"");
        e = assertThrows(IllegalArgumentException.class,
                () -> RecordReader.read(new ConsumerRecord<>(Topics.SUBMITTED, 0, 0L, "fast", request)));
        assertEquals("not a readable ProblemRequest: method must be one of none, budget-forcing, ts, tldr; was 'fast'",
                e.getMessage());
    }

    private static ConsumerRecord<String, String> submitted(ProblemRequest r) throws Exception {
        return new ConsumerRecord<>(Topics.SUBMITTED, 0, 0L, r.id(), Json.forServices().writeValueAsString(r));
    }
}
