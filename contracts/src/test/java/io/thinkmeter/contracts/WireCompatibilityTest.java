package io.thinkmeter.contracts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonMappingException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

/**
 * The typed contract reads and writes exactly the bytes the stringly typed one did: the files under
 * {@code wire/} were written by schema 1 before method, level and stop reason became enums.
 */
class WireCompatibilityTest {

    @ParameterizedTest
    @CsvSource({"problem-request-v1.json, io.thinkmeter.contracts.ProblemRequest",
            "problem-result-v1.json, io.thinkmeter.contracts.ProblemResult",
            "problem-result-error-v1.json, io.thinkmeter.contracts.ProblemResult"})
    void shouldWriteBackTheBytesWrittenBeforeTheEnums(String file, Class<?> type) throws IOException {
        String before = resource(file);
        Object read = Json.forServices().readValue(before, type);
        assertEquals(before, Json.forServices().writeValueAsString(read));
    }

    @Test
    void shouldReadEveryWireNameIntoItsConstant() throws IOException {
        ProblemRequest request = Json.forServices().readValue(resource("problem-request-v1.json"), ProblemRequest.class);
        assertEquals(Method.BUDGET_FORCING, request.method());
        assertEquals(Level.SHORT, request.level());
        ProblemResult result = Json.forServices().readValue(resource("problem-result-v1.json"), ProblemResult.class);
        assertEquals(StopReason.FORCED_AT_CAP, result.stopReason());
        assertEquals(Method.TLDR, result.method());
        assertEquals(Level.LONG, result.level());
        ProblemResult error = Json.forServices().readValue(resource("problem-result-error-v1.json"), ProblemResult.class);
        assertEquals(StopReason.ERROR, error.stopReason());
    }

    @Test
    void shouldKeepTodaysSpellings() {
        assertEquals("none, budget-forcing, ts, tldr", WireNames.allowed(Method.class));
        assertEquals("short, medium, long", WireNames.allowed(Level.class));
        assertEquals("natural, forced_at_cap, max_tokens, error, cancelled", WireNames.allowed(StopReason.class));
        // the CHECK constraint of requests.state (migration V1) allows exactly these
        assertEquals("submitted, rejected, done, error", WireNames.allowed(RequestState.class));
        assertEquals("short, medium, long", WireNames.allowed(Pool.class));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "\"method\":\"budget-forcing\" | \"method\":\"fast\" | method must be one of none, budget-forcing, ts, tldr; was 'fast'",
            "\"level\":\"short\" | \"level\":\"huge\" | level must be one of short, medium, long; was 'huge'",
            "\"method\":\"budget-forcing\" | \"method\":\"TS\" | method must be one of none, budget-forcing, ts, tldr; was 'TS'"})
    void shouldRefuseAnUnknownNameWithTheFieldAndTheNamesItMayTake(String known, String unknown, String sentence)
            throws IOException {
        String json = resource("problem-request-v1.json").replace(known, unknown);
        JsonMappingException e = assertThrows(JsonMappingException.class,
                () -> Json.forServices().readValue(json, ProblemRequest.class));
        UnknownWireName why = WireNames.cause(e).orElseThrow(() -> new AssertionError("no UnknownWireName in " + e));
        assertEquals(sentence, why.getMessage());
        assertEquals(known.substring(1, known.indexOf('"', 1)), why.field());
    }

    @Test
    void shouldRefuseAnUnknownStopReasonOfAResult() throws IOException {
        String json = resource("problem-result-v1.json").replace("\"forced_at_cap\"", "\"gave_up\"");
        JsonMappingException e = assertThrows(JsonMappingException.class,
                () -> Json.forServices().readValue(json, ProblemResult.class));
        assertEquals("stop_reason must be one of natural, forced_at_cap, max_tokens, error, cancelled; was 'gave_up'",
                WireNames.cause(e).orElseThrow().getMessage());
    }

    @Test
    void shouldSayWhatIsMissingWhenTheNameIsAbsent() {
        UnknownWireName e = assertThrows(UnknownWireName.class, () -> Method.fromWireName(null));
        assertTrue(e.getMessage().endsWith("; was absent"), e.getMessage());
    }

    private static String resource(String name) throws IOException {
        try (InputStream in = WireCompatibilityTest.class.getResourceAsStream("/wire/" + name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).strip();
        }
    }
}
