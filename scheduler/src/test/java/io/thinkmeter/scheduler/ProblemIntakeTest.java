package io.thinkmeter.scheduler;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.thinkmeter.contracts.Level;
import io.thinkmeter.contracts.Method;
import io.thinkmeter.contracts.ProblemRequest;
import io.thinkmeter.contracts.SamplingOptions;
import io.thinkmeter.contracts.Topics;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Set;

/** The front door's mapping from a record to a request, without Kafka. */
class ProblemIntakeTest {

    private static final long AT = Instant.parse("2026-11-21T10:00:00Z").toEpochMilli();
    private final ProblemIntake intake = new ProblemIntake(Set.of("acme")::contains);

    @Test
    void everyFieldIngestTakesFromUsersIsTakenHereToo() {
        ProblemRequest r = accepted(Topics.problemsOf("acme"), 3, 41, "{\"schema_version\": 1, \"problem\": \"Compute 1 + 2.\","
                + " \"budget\": 96, \"method\": \"ts\", \"level\": \"long\", \"stop_temperature\": 2.5,"
                + " \"answer_reserve\": 12, \"priority\": 4,"
                + " \"sampling\": {\"temperature\": 0.7, \"top_k\": 40, \"top_p\": 0.95, \"seed\": 7}}");

        assertEquals(new ProblemRequest(1, KafkaRequestIds.ofRecord("thinkmeter.problems.acme", 3, 41), null, "acme",
                null, null, "Compute 1 + 2.", 96, Method.TS, Level.LONG, 2.5, 12, new SamplingOptions(0.7, 40, 0.95, 7L),
                4, null, Instant.ofEpochMilli(AT)), r);
    }

    @Test
    void idsAreTheSameWhenTheRecordIsReadAgainAndDifferElsewhere() {
        String bare = "{\"problem\": \"x\", \"budget\": 5, \"method\": \"none\"}";
        String topic = Topics.problemsOf("acme");
        assertEquals(accepted(topic, 0, 7, bare).id(), accepted(topic, 0, 7, bare).id());
        assertNotEquals(accepted(topic, 0, 7, bare).id(), accepted(topic, 1, 7, bare).id());
        assertNotEquals(accepted(topic, 0, 7, bare).id(), accepted(topic, 0, 8, bare).id());

        String named = "{\"problem\": \"x\", \"budget\": 5, \"method\": \"none\", \"batch\": \"b\", \"client_id\": \"c\"}";
        assertEquals(accepted(topic, 0, 7, named).id(), accepted(topic, 2, 99, named).id(),
                "batch and client id name the problem wherever it lands");
        assertEquals(KafkaRequestIds.ofProblem("acme", "b", "c"), accepted(topic, 0, 7, named).id());
        assertNotEquals(KafkaRequestIds.ofProblem("acme", "b", "c"), KafkaRequestIds.ofProblem("beta", "b", "c"));
        assertNotEquals(KafkaRequestIds.ofProblem("acme", "b", "c"), KafkaRequestIds.ofRecord("acme", 0, 0));
    }

    @Test
    void aWrongSchemaVersionAndAStopTemperatureWithoutTsAreRefused() {
        ProblemIntake.Outcome o = take(Topics.problemsOf("acme"), "{\"schema_version\": 2, \"problem\": \"x\","
                + " \"budget\": 5, \"method\": \"none\", \"stop_temperature\": 1.0, \"priority\": 1.5}");

        assertNull(o.accepted());
        assertEquals("priority must be a whole number, was 1.5; schema_version must be 1, was 2; stop_temperature"
                + " applies only to method ts; method was 'none'", o.rejected().reason());
    }

    @Test
    void aDeadLetterKeepsTheRecordsKeyAndTopic() {
        ProblemIntake.Outcome o = intake.take(new ProblemIntake.Origin(Topics.PROBLEMS, 0, 0, AT, "k1", List.of()),
                "not json".getBytes(StandardCharsets.UTF_8));

        assertEquals("k1", o.key());
        assertEquals(Topics.PROBLEMS, o.deadLetter().sourceTopic());
        assertEquals("k1", o.deadLetter().key());
        assertTrue(o.deadLetter().reason().startsWith("not JSON: Unrecognized token 'not'"), o.deadLetter().reason());
    }

    private ProblemRequest accepted(String topic, int partition, long offset, String json) {
        ProblemIntake.Outcome o = intake.take(new ProblemIntake.Origin(topic, partition, offset, AT, null, List.of()),
                json.getBytes(StandardCharsets.UTF_8));
        assertNull(o.rejected(), () -> o.rejected().reason());
        assertEquals(o.accepted().id(), o.key());
        return o.accepted();
    }

    private ProblemIntake.Outcome take(String topic, String json) {
        return intake.take(new ProblemIntake.Origin(topic, 0, 0, AT, null, List.of()),
                json.getBytes(StandardCharsets.UTF_8));
    }
}
