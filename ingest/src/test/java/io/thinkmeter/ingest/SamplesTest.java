package io.thinkmeter.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.thinkmeter.contracts.Level;
import io.thinkmeter.contracts.ProblemRequest;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;

/** A batch line asking for G samples becomes G requests with their own client ids and seeds. */
class SamplesTest {

    private static final Instant NOW = Instant.parse("2026-11-21T10:00:00Z");

    @Test
    void shouldExpandALineIntoItsSamplesInOrderWithConsecutiveSeeds() {
        String body = "{\"client_id\": \"p1\", \"problem\": \"Compute 2 + 3.\", \"budget\": 64, \"method\": \"tldr\","
                + " \"level\": \"short\", \"samples\": 3, \"sampling\": {\"temperature\": 1.0, \"seed\": 40}}\n"
                + "{\"client_id\": \"p2\", \"problem\": \"Compute 4 + 5.\", \"budget\": 64, \"method\": \"none\"}\n";
        ParsedBatch batch = BatchParser.parse(body, "t1", "b1", BatchDefaults.NONE, 10, ModelLimits.NONE, OpenAiTestRules.TINY, NOW);

        List<ProblemRequest> r = batch.requests();
        assertEquals(List.of("p1#0", "p1#1", "p1#2", "p2"), r.stream().map(ProblemRequest::clientId).toList());
        assertEquals(List.of(0, 1, 2, 3), r.stream().map(ProblemRequest::sequence).toList());
        assertEquals(List.of(40L, 41L, 42L), r.subList(0, 3).stream().map(x -> x.sampling().seed()).toList());
        for (ProblemRequest sample : r.subList(0, 3)) {
            assertEquals("Compute 2 + 3.", sample.problem());
            assertEquals(Level.SHORT, sample.level());
            assertEquals(1.0, sample.sampling().temperature());
        }
        assertEquals(4, r.stream().map(ProblemRequest::id).distinct().count(), "every sample is its own request");
    }

    @Test
    void anOpenAiLineAsksForSamplesWithN() {
        String body = "{\"custom_id\": \"q\", \"body\": {\"messages\": [{\"role\": \"user\", \"content\": \"Compute 1 + 1.\"}],"
                + " \"max_tokens\": 64, \"reasoning_effort\": \"low\", \"n\": 2, \"temperature\": 0.8}}\n";
        List<ProblemRequest> r = BatchParser.parse(body, "t1", "b1", BatchDefaults.NONE, 10, ModelLimits.NONE, OpenAiTestRules.TINY, NOW).requests();

        assertEquals(List.of("q#0", "q#1"), r.stream().map(ProblemRequest::clientId).toList());
        assertEquals(List.of(0L, 1L), r.stream().map(x -> x.sampling().seed()).toList(), "no seed: from 0");
    }

    @Test
    void shouldRefuseSamplesThatCannotDifferOrCannotBeToldApart() {
        String body = "{\"client_id\": \"a\", \"problem\": \"x\", \"budget\": 9, \"method\": \"none\", \"samples\": 4}\n"
                + "{\"problem\": \"y\", \"budget\": 9, \"method\": \"none\", \"samples\": 2,"
                + " \"sampling\": {\"temperature\": 1}}\n"
                + "{\"client_id\": \"c\", \"problem\": \"z\", \"budget\": 9, \"method\": \"none\", \"samples\": 65,"
                + " \"sampling\": {\"temperature\": 1}}\n"
                + "{\"client_id\": \"d\", \"problem\": \"w\", \"budget\": 9, \"method\": \"none\", \"samples\": 0}\n";
        ApiException e = assertThrows(ApiException.class, () -> BatchParser.parse(body, "t1", "b1", BatchDefaults.NONE, 10,
                ModelLimits.NONE, OpenAiTestRules.TINY, NOW));

        assertEquals(List.of(
                "line 1: samples 4 needs a sampling temperature above 0: greedy decoding would give 4 identical answers",
                "line 2: samples 2 needs a client_id: sample k's results carry client_id#k",
                "line 3: samples must be between 1 and 64, was 65",
                "line 4: samples must be between 1 and 64, was 0"), e.problems());
    }

    @Test
    void samplesCountTowardTheBatchLimit() {
        String body = "{\"client_id\": \"a\", \"problem\": \"x\", \"budget\": 9, \"method\": \"none\", \"samples\": 8,"
                + " \"sampling\": {\"temperature\": 1}}\n";
        ApiException e = assertThrows(ApiException.class, () -> BatchParser.parse(body, "t1", "b1", BatchDefaults.NONE, 5,
                ModelLimits.NONE, OpenAiTestRules.TINY, NOW));
        assertEquals(413, e.status());
        assertTrue(e.problems().get(0).startsWith("its lines ask for 8 requests with their samples"), e.problems().toString());
    }

    @Test
    void aSingleProblemCannotAskForSamples() {
        ApiException e = assertThrows(ApiException.class, () -> ProblemParser.parse("{\"problem\": \"x\", \"budget\": 9,"
                + " \"method\": \"none\", \"samples\": 2, \"sampling\": {\"temperature\": 1}}", "t1", "p1", ModelLimits.NONE, NOW));
        assertEquals(List.of("samples is accepted in batches only (POST /v1/problems/batch): here one problem gets one result"),
                e.problems());
    }
}
