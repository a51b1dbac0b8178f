package io.thinkmeter.contracts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The record a Kafka-native client produces, and the topics it goes to. */
class ProblemRecordTest {

    private static final Instant AT = Instant.parse("2026-11-21T10:00:00Z");

    @Test
    void shouldReadTheSmallestRecordAKafkaClientWrites() throws Exception {
        String json = "{\"problem\": \"Compute 478 + 356.\", \"budget\": 96, \"method\": \"ts\", \"client_id\": \"q17\","
                + " \"batch\": \"nightly-7\"}";
        ProblemRecord r = Json.forUsers().readValue(json, ProblemRecord.class);
        assertEquals(ProblemRecord.of("Compute 478 + 356.", 96, Method.TS, "q17", "nightly-7"), r);
        assertEquals("{\"problem\":\"Compute 478 + 356.\",\"budget\":96,\"method\":\"ts\",\"client_id\":\"q17\","
                + "\"batch\":\"nightly-7\"}", Json.forServices().writeValueAsString(r));
    }

    @Test
    void shouldBecomeAValidRequestWithWhatThePlatformFills() {
        ProblemRequest request = ProblemRecord.of("Compute 1 + 2.", 48, Method.NONE, "q1", "b1")
                .toRequest("r1", "acme", AT);
        assertEquals(new ProblemRequest(1, "r1", "q1", "acme", "b1", null, "Compute 1 + 2.", 48, Method.NONE, null,
                null, null, null, 0, null, AT), request);
        assertEquals(List.of(), RequestValidator.problems(request));
    }

    @Test
    void anAbsentBudgetIsLeftForTheValidatorToRefuse() {
        ProblemRequest request = new ProblemRecord(null, "x", null, Method.NONE, null, null, null, null, null, null, null, null)
                .toRequest("r1", "acme", AT);
        assertEquals(0, request.budget());
        assertTrue(RequestValidator.problems(request).get(0).startsWith("budget must be between 1 and"));
    }

    @Test
    void aTenantsTopicNamesItsTenantAndTheSharedTopicNone() {
        assertEquals("thinkmeter.problems.acme", Topics.problemsOf("acme"));
        assertEquals(Optional.of("acme"), Topics.tenantOfProblems("thinkmeter.problems.acme"));
        assertEquals(Optional.of("acme.eu"), Topics.tenantOfProblems("thinkmeter.problems.acme.eu"));
        assertEquals(Optional.empty(), Topics.tenantOfProblems(Topics.PROBLEMS));
        assertEquals(Optional.empty(), Topics.tenantOfProblems("thinkmeter.problems."));
        assertEquals(Optional.empty(), Topics.tenantOfProblems(Topics.SUBMITTED));
    }

    @Test
    void theSchedulersPatternMatchesEveryProblemsTopicAndNothingElse() {
        assertTrue(Topics.PROBLEMS_TOPICS.matcher(Topics.PROBLEMS).matches());
        assertTrue(Topics.PROBLEMS_TOPICS.matcher("thinkmeter.problems.acme").matches());
        assertFalse(Topics.PROBLEMS_TOPICS.matcher("thinkmeter.problems.").matches());
        assertFalse(Topics.PROBLEMS_TOPICS.matcher("thinkmeter.problemsacme").matches());
        Topics.all().stream().filter(t -> !t.equals(Topics.PROBLEMS))
                .forEach(t -> assertFalse(Topics.PROBLEMS_TOPICS.matcher(t).matches(), t));
    }

    @Test
    void problemsTopicsAreStampedByTheBroker() {
        assertTrue(Topics.all().contains(Topics.PROBLEMS));
        assertEquals(Map.of("message.timestamp.type", "LogAppendTime"), Topics.configOf(Topics.PROBLEMS));
        assertEquals(Map.of("message.timestamp.type", "LogAppendTime"), Topics.configOf(Topics.problemsOf("acme")));
        assertEquals(Map.of("cleanup.policy", "compact"), Topics.configOf(Topics.TENANTS));
        assertEquals(Map.of(), Topics.configOf(Topics.SUBMITTED));
        assertNull(ProblemRecord.of("x", 1, Method.NONE, null, null).toRequest("r", "t", AT).sequence());
    }
}
