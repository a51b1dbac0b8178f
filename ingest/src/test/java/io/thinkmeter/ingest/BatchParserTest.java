package io.thinkmeter.ingest;

import io.thinkmeter.contracts.ProblemRequest;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class BatchParserTest {

    private static final Instant NOW = Instant.parse("2026-03-02T10:00:00Z");

    @Test
    void shouldNumberSequencesAmongNonEmptyLinesAndLinesAsAnEditorDoes() {
        String body = "\r\n{\"problem\": \"a\", \"budget\": 5, \"method\": \"none\"}\r\n\r\n"
                + "{\"custom_id\": \"o\", \"body\": {\"messages\": [{\"role\": \"user\", \"content\": \"b\"}], "
                + "\"max_tokens\": 9}}\r\n";
        ParsedBatch batch = BatchParser.parse(body, "t1", "b1", BatchDefaults.NONE, 10, ModelLimits.NONE, OpenAiTestRules.TINY, NOW);

        assertEquals(BatchParser.MIXED, batch.inputFormat());
        assertEquals(List.of(0, 1), batch.requests().stream().map(ProblemRequest::sequence).toList());
        assertEquals(List.of("a", "b"), batch.requests().stream().map(ProblemRequest::problem).toList());
        for (ProblemRequest r : batch.requests()) {
            assertEquals(batch.id(), r.batch());
            assertEquals("t1", r.tenant());
            assertEquals(NOW, r.submittedAt());
        }

        ApiException e = assertThrows(ApiException.class, () -> BatchParser.parse(
                body + "\n{\"problem\": \"c\"}\n", "t1", "b1", BatchDefaults.NONE, 10, ModelLimits.NONE, OpenAiTestRules.TINY, NOW));
        assertEquals(List.of("line 6: " + RequestCheck.BUDGET_REQUIRED + "; or give the whole batch one with ?budget=",
                "line 6: method must be one of none, budget-forcing, ts, tldr; was absent"), e.problems());
    }

    /** Issue 16: budget forcing's minimum is reachable from batch lines, ours and OpenAI's, as from a request. */
    @Test
    void shouldCarryTheMinimumThinkingOfEveryLineFormat() {
        String body = "{\"problem\": \"a\", \"budget\": 300, \"method\": \"budget-forcing\", \"min_thinking\": 120}\n"
                + "{\"custom_id\": \"o\", \"body\": {\"messages\": [{\"role\": \"user\", \"content\": \"b\"}], "
                + "\"max_tokens\": 300, \"thinkmeter\": {\"method\": \"budget-forcing\", \"min_thinking\": 80}}}\n"
                + "{\"problem\": \"c\", \"budget\": 300, \"method\": \"budget-forcing\"}\n";
        ParsedBatch batch;
        try {
            batch = BatchParser.parse(body, "t1", "b1", BatchDefaults.NONE, 10, ModelLimits.NONE, OpenAiTestRules.TINY, NOW);
        } catch (ApiException e) {
            throw new AssertionError(e.problems().toString(), e);
        }

        assertEquals(java.util.Arrays.asList(120, 80, null),
                batch.requests().stream().map(ProblemRequest::minThinking).toList());
    }
}
