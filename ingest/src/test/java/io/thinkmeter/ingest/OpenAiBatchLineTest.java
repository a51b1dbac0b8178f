package io.thinkmeter.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.thinkmeter.contracts.Json;
import io.thinkmeter.contracts.Level;
import io.thinkmeter.contracts.Method;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

class OpenAiBatchLineTest {

    private final List<String> problems = new ArrayList<>();

    @Test
    void shouldMapReasoningEffortToTldrLevels() throws Exception {
        for (String[] effortAndLevel : new String[][] {{"low", "short"}, {"medium", "medium"}, {"high", "long"}}) {
            Submission s = read("{\"custom_id\": \"a\", \"body\": {\"messages\": [{\"role\": \"user\", \"content\": "
                    + "\"Compute 2 + 2.\"}], \"max_completion_tokens\": 50, \"reasoning_effort\": \""
                    + effortAndLevel[0] + "\"}}", null, null);
            assertEquals(Method.TLDR, s.method());
            assertEquals(Level.fromWireName(effortAndLevel[1]), s.level());
        }
        assertEquals(List.of(), problems);
    }

    @Test
    void shouldUseTheBatchDefaultsWhereTheLineHasNone() throws Exception {
        Submission s = read("{\"custom_id\": \"a\", \"body\": {\"messages\": [{\"role\": \"user\", \"content\": "
                + "\"Compute 2 + 2.\"}]}}", 77, Method.TS);
        assertEquals(77, s.budget());
        assertEquals(Method.TS, s.method());
        Submission fallback = read("{\"custom_id\": \"a\", \"body\": {\"messages\": [{\"role\": \"user\", "
                + "\"content\": \"Compute 2 + 2.\"}], \"max_tokens\": 20, \"max_completion_tokens\": 30}}", null, null);
        assertEquals(30, fallback.budget(), "max_completion_tokens wins over the older max_tokens");
        assertEquals(Method.BUDGET_FORCING, fallback.method(), "without an effort or a method: budget forcing");
        assertEquals(List.of(), problems);
    }

    @Test
    void shouldNameEveryWrongPartOfALine() throws Exception {
        read("{\"custom_id\": 7, \"method\": \"GET\", \"url\": \"/v1/embeddings\", \"extra\": 1, \"body\": "
                + "{\"messages\": [{\"role\": \"user\", \"content\": [{\"type\": \"image_url\", \"image_url\": {}}]}], "
                + "\"max_completion_tokens\": \"many\"}}", null, null);
        assertEquals(List.of(
                "unknown field 'extra'; the fields are custom_id, method, url, body (an OpenAI batch line)",
                "custom_id must be a string, was 7",
                "method must be POST in an OpenAI batch line, was 'GET'",
                "url must be /v1/chat/completions (only chat completions are supported), was '/v1/embeddings'",
                "body.messages[0].content[0] must be a part {\"type\": \"text\", \"text\": \"...\"}, was "
                        + "{\"type\":\"image_url\",\"image_url\":{}} (only text is supported)",
                "body.max_completion_tokens must be a whole number of tokens, 1 to 1000000, was \"many\""),
                problems);
    }

    @Test
    void shouldRequireAUserMessage() throws Exception {
        read("{\"custom_id\": \"a\", \"body\": {\"messages\": [{\"role\": \"system\", \"content\": \"x\"}], "
                + "\"max_completion_tokens\": 5}}", null, null);
        assertEquals(List.of("body.messages has no message with role 'user': the model answers the last one"), problems);
    }

    @Test
    void shouldMapTheBodyAsTheChatEndpointDoesAndRefuseWhatItCannotDo() throws Exception {
        Submission s = read("{\"custom_id\": \"a\", \"body\": {\"model\": \"o4-mini\", \"messages\": [{\"role\": "
                + "\"user\", \"content\": \"Compute 2 + 2.\"}], \"max_completion_tokens\": 50, \"user\": \"u-1\", "
                + "\"thinking_token_budget\": 20, \"tools\": [], \"stream\": true}}", null, null);
        assertEquals("a", s.clientId());
        assertEquals("u-1", s.endUser());
        assertEquals(20, s.thinkingLimit());
        assertEquals(List.of(new io.thinkmeter.contracts.ChatMessage("user", "Compute 2 + 2.")), s.messages());
        assertEquals(List.of("body.tools is not supported (the models call no tools): leave it out",
                "body.stream cannot be true in a batch: results are collected in the output file"), problems);
    }

    @Test
    void shouldTellTheFormatsApart() throws Exception {
        assertTrue(OpenAiBatchLine.looksLikeOne(json("{\"custom_id\": \"a\"}")));
        assertTrue(OpenAiBatchLine.looksLikeOne(json("{\"body\": {}}")));
        assertFalse(OpenAiBatchLine.looksLikeOne(json("{\"problem\": \"p\", \"client_id\": \"a\"}")));
    }

    private Submission read(String line, Integer budget, Method method) throws Exception {
        return OpenAiBatchLine.read(json(line), OpenAiTestRules.TINY, budget, method, problems);
    }

    private static ObjectNode json(String text) throws Exception {
        return (ObjectNode) Json.forUsers().readTree(text);
    }
}
