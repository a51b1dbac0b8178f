package io.thinkmeter.scheduler;

import static io.thinkmeter.scheduler.SchedulerFixture.request;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.thinkmeter.contracts.DeadLetter;
import io.thinkmeter.contracts.Json;
import io.thinkmeter.contracts.Method;
import io.thinkmeter.contracts.Pool;
import io.thinkmeter.contracts.ProblemRequest;
import io.thinkmeter.contracts.RejectedRequest;
import io.thinkmeter.contracts.RequestValidator;
import io.thinkmeter.contracts.Topics;
import org.apache.kafka.streams.KeyValue;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.file.Path;
import java.util.List;

class UnreadableAndInvalidTest {

    @TempDir
    Path stateDir;
    SchedulerFixture scheduler;

    @BeforeEach
    void start() {
        scheduler = new SchedulerFixture(SchedulerConfig.defaults().withDefaultDailyQuota(1_000L), stateDir);
    }

    @AfterEach
    void stop() {
        scheduler.close();
    }

    @Test
    void shouldDeadLetterUnparseableRecordAndKeepProcessingTheNext() {
        scheduler.submitRaw("r-bad", "{\"tenant\": acme");
        scheduler.submit(request("r-good", "acme", 10));

        List<KeyValue<String, DeadLetter>> dead = scheduler.deadLetters();
        assertEquals(1, dead.size());
        assertEquals("r-bad", dead.get(0).key);
        DeadLetter letter = dead.get(0).value;
        assertEquals(Topics.SUBMITTED, letter.sourceTopic());
        assertEquals("r-bad", letter.key());
        assertEquals("{\"tenant\": acme", letter.payload());
        assertTrue(letter.reason().startsWith("not a ProblemRequest: Unrecognized token 'acme'"), letter.reason());
        assertTrue(letter.reason().contains("(line 1, column "), letter.reason());
        assertEquals(List.of("r-good"), scheduler.work(Pool.SHORT).stream().map(kv -> kv.key).toList());
    }

    @ParameterizedTest
    @ValueSource(strings = {"[1, 2]", "42", "{\"budget\": \"lots\"}", "{\"priority\": null}", "{}",
            "null", "", " "})
    void shouldDeadLetterValuesThatAreNotAProblemRequest(String payload) {
        scheduler.submitRaw("r-odd", payload);

        List<KeyValue<String, DeadLetter>> dead = scheduler.deadLetters();
        assertEquals(1, dead.size(), "dead letters for " + payload);
        assertEquals(payload, dead.get(0).value.payload());
        assertTrue(!dead.get(0).value.reason().isBlank());
        assertEquals(List.of(), scheduler.rejected());
        assertEquals(List.of(), scheduler.accepted());
    }

    @Test
    void shouldDeadLetterARequestFollowedByTrailingText() throws Exception {
        String payload = Json.forServices().writeValueAsString(request("r-tail", "acme", 10)) + " 7";
        scheduler.submitRaw("r-tail", payload);

        DeadLetter letter = scheduler.deadLetters().get(0).value;
        assertEquals(payload, letter.payload());
        assertTrue(letter.reason().startsWith("not a ProblemRequest: Trailing token"), letter.reason());
        assertEquals(List.of(), scheduler.accepted());
    }

    @Test
    void shouldDeadLetterATombstone() {
        scheduler.submitRaw("r-gone", null);

        DeadLetter letter = scheduler.deadLetters().get(0).value;
        assertEquals(null, letter.payload());
        assertEquals("empty value: expected a ProblemRequest JSON object", letter.reason());
    }

    @Test
    void shouldRejectInvalidRequestWithAllItsProblems() {
        ProblemRequest invalid = new ProblemRequest(1, "r-invalid", null, "bad tenant!", null, null, " ", 0, Method.NONE,
                null, 2.0, null, null, 0, null, SchedulerFixture.NOV_21);
        scheduler.submit(invalid);
        scheduler.submit(request("r-next", "acme", 10));

        List<KeyValue<String, RejectedRequest>> rejected = scheduler.rejected();
        assertEquals(1, rejected.size());
        assertEquals("r-invalid", rejected.get(0).key);
        assertEquals(invalid, rejected.get(0).value.request());
        String reason = rejected.get(0).value.reason();
        assertEquals(String.join("; ", RequestValidator.problems(invalid)), reason);
        assertTrue(reason.contains("problem is required and must not be blank"), reason);
        assertTrue(reason.contains("budget must be between 1 and 1000000 tokens, was 0"), reason);
        assertTrue(reason.contains("stop_temperature applies only to method ts; method was 'none'"), reason);
        assertEquals(List.of("r-next"), scheduler.accepted());
        assertEquals(List.of(), scheduler.deadLetters());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "\"method\":\"ts\" | \"method\":\"fast\" | method must be one of none, budget-forcing, ts, tldr; was 'fast'",
            "\"budget\":10, | \"budget\":10,\"level\":\"tiny\", | level must be one of short, medium, long; was 'tiny'"})
    void shouldDeadLetterANameTheContractDoesNotKnowWithTheSentenceNamingTheField(String known, String unknown,
                                                                                 String sentence) throws Exception {
        String payload = Json.forServices().writeValueAsString(request("r-fast", "acme", 10)).replace(known, unknown);
        scheduler.submitRaw("r-fast", payload);
        scheduler.submit(request("r-next", "acme", 10));

        List<KeyValue<String, DeadLetter>> dead = scheduler.deadLetters();
        assertEquals(List.of("r-fast"), dead.stream().map(kv -> kv.key).toList());
        assertEquals(payload, dead.get(0).value.payload());
        assertTrue(dead.get(0).value.reason().startsWith("not a ProblemRequest: " + sentence + " (line 1, column "),
                dead.get(0).value.reason());
        assertEquals(List.of(), scheduler.rejected());
        assertEquals(List.of("r-next"), scheduler.accepted());
    }

    @Test
    void shouldNotChargeTheBudgetForInvalidRequests() {
        ProblemRequest invalid = new ProblemRequest(1, "r-invalid", null, "acme", null, null, "x", 900, Method.TS, null,
                -1.0, null, null, 0, null, SchedulerFixture.NOV_21);
        scheduler.submit(invalid);
        // the whole day's 1,000: 42 for the prompt's bound and a budget of 958
        scheduler.submit(request("r-full", "acme", 958));

        assertEquals(List.of("r-invalid"), scheduler.rejected().stream().map(kv -> kv.key).toList());
        assertEquals(List.of("r-full"), scheduler.accepted());
    }
}
