package io.thinkmeter.contracts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import org.junit.jupiter.api.Test;

import java.time.Instant;

class JsonTest {

    @Test
    void shouldRoundTripARequestInSnakeCase() throws Exception {
        ProblemRequest r = new ProblemRequest(1, "r1", "c1", "acme", "b1", 3, "Compute 1 + 2.", 96, Method.TS, Level.SHORT, 2.0,
                16, new SamplingOptions(0.5, 10, 0.9, 7L), 1, Pool.SHORT, Instant.parse("2026-11-21T10:00:00Z"));
        String json = Json.forServices().writeValueAsString(r);
        assertTrue(json.contains("\"stop_temperature\":2.0"), json);
        assertTrue(json.contains("\"pool\":\"short\""), json);
        assertTrue(json.contains("\"submitted_at\":\"2026-11-21T10:00:00Z\""), json);
        assertEquals(r, Json.forServices().readValue(json, ProblemRequest.class));
    }

    @Test
    void usersShouldGetAnErrorForUnknownFieldsAndServicesShouldNot() {
        String json = "{\"schema_version\":1,\"tenant\":\"acme\",\"problem\":\"x\",\"budjet\":5,\"budget\":5,"
                + "\"method\":\"none\",\"priority\":0}";
        assertThrows(UnrecognizedPropertyException.class, () -> Json.forUsers().readValue(json, ProblemRequest.class));
        assertDoesNotThrow(() -> Json.forServices().readValue(json, ProblemRequest.class));
    }

    private static void assertDoesNotThrow(org.junit.jupiter.api.function.Executable e) {
        org.junit.jupiter.api.Assertions.assertDoesNotThrow(e);
    }
}
