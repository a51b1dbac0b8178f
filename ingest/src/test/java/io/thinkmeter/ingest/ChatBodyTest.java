package io.thinkmeter.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.thinkmeter.contracts.ChatMessage;
import io.thinkmeter.contracts.Json;
import io.thinkmeter.contracts.Level;
import io.thinkmeter.contracts.Method;
import io.thinkmeter.contracts.SamplingOptions;
import io.thinkmeter.ingest.openai.ChatBody;
import io.thinkmeter.ingest.openai.OpenAiParams;
import io.thinkmeter.ingest.openai.OpenAiRules;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Every rule of the one mapping of an OpenAI chat completion body (the chat endpoint's and every batch line's). */
class ChatBodyTest {

    private static final String ASK = "\"messages\": [{\"role\": \"user\", \"content\": \"Compute 2 + 2.\"}]";

    private final List<String> problems = new ArrayList<>();

    @Test
    void shouldKeepTheConversationAndTakeTheLastUserMessageAsTheProblem() {
        Submission s = read("{\"messages\": [{\"role\": \"user\", \"content\": \"Compute 1 + 1.\"}, {\"role\": "
                + "\"assistant\", \"content\": \"2\"}, {\"role\": \"user\", \"content\": [{\"type\": \"text\", \"text\": "
                + "\"And\"}, {\"type\": \"text\", \"text\": \"2 + 2?\"}]}], \"max_completion_tokens\": 50}");
        assertEquals(List.of(new ChatMessage("user", "Compute 1 + 1."), new ChatMessage("assistant", "2"),
                new ChatMessage("user", "And\n2 + 2?")), s.messages());
        assertEquals("And\n2 + 2?", s.problem());
        assertEquals(List.of(), problems);
    }

    @Test
    void shouldTakeTheBudgetFromMaxCompletionTokensElseMaxTokensElseTheDefault() {
        assertEquals(30, read("{" + ASK + ", \"max_tokens\": 20, \"max_completion_tokens\": 30}").budget());
        assertEquals(20, read("{" + ASK + ", \"max_tokens\": 20}").budget());
        assertEquals(77, ChatBody.read(reader("{" + ASK + "}"), OpenAiTestRules.TINY, 77, null).submission().budget());
        assertNull(read("{" + ASK + "}").budget(), "no cap and no default: the caller says it is required");
        assertEquals(List.of(), problems);
    }

    @Test
    void shouldGiveATenantItsOwnDefaultBudgetOverTheDefault() {
        OpenAiRules rules = OpenAiTestRules.withDefaults(OpenAiTestRules.TINY, 256, Map.of("acme", 64));
        assertEquals(64, rules.defaultBudget("acme"));
        assertEquals(256, rules.defaultBudget("globex"));
        assertNull(OpenAiTestRules.TINY.defaultBudget("acme"));
    }

    @Test
    void shouldMapNoneAndMinimalEffortToNoThinking() {
        for (String effort : List.of("none", "minimal")) {
            Submission s = read("{" + ASK + ", \"max_completion_tokens\": 50, \"reasoning_effort\": \"" + effort + "\"}");
            assertEquals(Method.BUDGET_FORCING, s.method(), effort);
            assertEquals(0, s.thinkingLimit(), effort + ": think-end forced at once");
        }
        assertEquals(List.of(), problems);
    }

    @Test
    void shouldMapGradedEffortToTldrLevelsWhereATldrModelServesElseToCalibratedTs() {
        Map<String, Level> levels = Map.of("low", Level.SHORT, "medium", Level.MEDIUM, "high", Level.LONG);
        Map<String, Double> taus = Map.of("low", 2.0, "medium", 1.5, "high", 1.0);
        for (String effort : List.of("low", "medium", "high")) {
            String body = "{" + ASK + ", \"max_completion_tokens\": 50, \"reasoning_effort\": \"" + effort + "\"}";
            Submission tldr = read(body);
            assertEquals(Method.TLDR, tldr.method(), effort);
            assertEquals(levels.get(effort), tldr.level(), effort);
            assertNull(tldr.stopTemperature());
            Submission ts = ChatBody.read(reader(body), OpenAiTestRules.NO_TLDR, null, null).submission();
            assertEquals(Method.TS, ts.method(), effort);
            assertNull(ts.level());
            assertEquals(taus.get(effort), ts.stopTemperature(), effort);
        }
        assertEquals(List.of(), problems);
        read("{" + ASK + ", \"reasoning_effort\": \"extreme\"}");
        assertEquals(List.of("reasoning_effort must be one of none, minimal, low, medium, high, was 'extreme'"), problems);
    }

    @Test
    void shouldTakeTheMethodDefaultWhenNoEffortOrMethodIsGiven() {
        assertEquals(Method.BUDGET_FORCING, read("{" + ASK + "}").method());
        assertEquals(Method.TS, ChatBody.read(reader("{" + ASK + "}"), OpenAiTestRules.TINY, null, Method.TS)
                .submission().method(), "a batch's ?method=");
    }

    @Test
    void shouldTakeThinkingTokenBudgetAndOurOwnControls() {
        Submission s = read("{" + ASK + ", \"max_completion_tokens\": 90, \"thinking_token_budget\": 40, \"thinkmeter\": "
                + "{\"method\": \"ts\", \"stop_temperature\": 3.0, \"answer_reserve\": 12, \"min_thinking\": 5}}");
        assertEquals(40, s.thinkingLimit());
        assertEquals(Method.TS, s.method());
        assertEquals(3.0, s.stopTemperature());
        assertEquals(12, s.answerReserve());
        assertEquals(5, s.minThinking());
        Submission effortTau = ChatBody.read(reader("{" + ASK + ", \"reasoning_effort\": \"low\", \"thinkmeter\": "
                + "{\"stop_temperature\": 4.0}}"), OpenAiTestRules.NO_TLDR, null, null).submission();
        assertEquals(4.0, effortTau.stopTemperature(), "our own tau over the effort's");
        assertEquals(List.of(), problems);
    }

    @Test
    void shouldRefuseContradictionsAndUnknownControls() {
        read("{" + ASK + ", \"reasoning_effort\": \"none\", \"thinking_token_budget\": 30, \"thinkmeter\": "
                + "{\"speed\": 1}}");
        read("{" + ASK + ", \"reasoning_effort\": \"low\", \"thinkmeter\": {\"method\": \"ts\"}}");
        assertEquals(List.of(
                "unknown field 'thinkmeter.speed'; the fields are method, stop_temperature, answer_reserve, min_thinking",
                "thinking_token_budget 30 contradicts reasoning_effort 'none', which means no thinking: give one of them",
                "reasoning_effort and thinkmeter.method both choose the method: give one of them"), problems);
    }

    @Test
    void shouldTakeSamplingSamplesAndTheEndUser() {
        Submission s = read("{" + ASK + ", \"temperature\": 0.7, \"top_p\": 0.9, \"seed\": 11, \"n\": 3, "
                + "\"user\": \"student-42\"}");
        assertEquals(new SamplingOptions(0.7, null, 0.9, 11L), s.sampling());
        assertEquals(3, s.samples());
        assertEquals("student-42", s.endUser());
        assertEquals(List.of(), problems);
    }

    @Test
    void shouldAcceptWhatDoesNotChangeTheWork() {
        ChatBody.Read r = ChatBody.read(reader("{" + ASK + ", \"model\": \"o4-mini\", \"stream\": true, "
                + "\"stream_options\": {\"include_usage\": true}, \"store\": true, \"metadata\": {\"k\": \"v\"}}"),
                OpenAiTestRules.TINY, null, null);
        assertTrue(r.stream());
        assertTrue(r.includeUsage());
        assertEquals(List.of(), problems);
        assertFalse(ChatBody.read(reader("{" + ASK + "}"), OpenAiTestRules.TINY, null, null).stream());
        read("{" + ASK + ", \"stream_options\": {\"include_usage\": true}}");
        assertEquals(List.of("stream_options is only allowed when stream is true"), problems);
    }

    @Test
    void shouldRefuseEveryUnsupportedFieldByNameWithItAsTheParam() {
        for (String field : List.of("tools", "tool_choice", "functions", "function_call", "logprobs", "top_logprobs",
                "response_format", "logit_bias", "stop", "presence_penalty", "frequency_penalty", "audio", "modalities",
                "prediction", "parallel_tool_calls", "web_search_options", "service_tier", "frobnicate")) {
            problems.clear();
            read("{" + ASK + ", \"" + field + "\": 1}");
            assertEquals(1, problems.size(), field + ": " + problems);
            assertTrue(problems.get(0).startsWith(field + " is not supported"), problems.get(0));
            assertEquals(field, OpenAiParams.of(problems.get(0)));
        }
        problems.clear();
        read("{" + ASK + ", \"tools\": null}");
        assertEquals(List.of(), problems, "null is absent, as everywhere");
    }

    @Test
    void shouldRefuseAConversationTheModelsTemplateCannotExpress() {
        read("{\"messages\": [{\"role\": \"system\", \"content\": \"Be brief.\"}, {\"role\": \"user\", "
                + "\"content\": \"Compute 2 + 2.\"}]}");
        read("{\"messages\": [{\"role\": \"user\", \"content\": \"Compute 2 + 2.\"}, {\"role\": \"assistant\", "
                + "\"content\": \"4\"}]}");
        assertEquals(List.of("messages cannot be expressed by the model's chat template: tiny-reasoner takes no system "
                        + "message: its chat template has user and assistant turns only",
                "messages cannot be expressed by the model's chat template: tiny-reasoner's chat template wants the "
                        + "last message to be the user's: the model answers it"), problems);
    }

    @Test
    void shouldNameWhatIsWrongInAMessage() {
        read("{\"messages\": [{\"role\": \"user\", \"content\": \"x\", \"name\": \"ann\"}, 7, {\"content\": \"y\"}, "
                + "{\"role\": \"user\", \"content\": [{\"type\": \"image_url\"}]}]}");
        assertEquals(List.of("messages[0].name is not supported: a message has a role and text content",
                "messages[1] must be an object {\"role\": ..., \"content\": ...}, was 7",
                "messages[2].role must be a string, was absent",
                "messages[3].content[0] must be a part {\"type\": \"text\", \"text\": \"...\"}, was "
                        + "{\"type\":\"image_url\"} (only text is supported)"), problems);
        assertEquals("messages[0].name", OpenAiParams.of(problems.get(0)));
    }

    @Test
    void shouldNameTheChatFieldForTheValidatorsWords() {
        assertEquals("max_completion_tokens", OpenAiParams.of("budget must be between 1 and 1000000 tokens, was 0"));
        assertEquals("thinking_token_budget", OpenAiParams.of("thinking_limit must be 0 to the budget (9), was 10"));
        assertEquals("messages", OpenAiParams.of("problem must be at most 2000 characters"));
        assertNull(OpenAiParams.of("body: not valid JSON"));
    }

    private Submission read(String body) {
        return ChatBody.read(reader(body), OpenAiTestRules.TINY, null, null).submission();
    }

    private FieldReader reader(String body) {
        try {
            return new FieldReader((ObjectNode) Json.forUsers().readTree(body), "", problems);
        } catch (Exception e) {
            throw new IllegalArgumentException(body, e);
        }
    }
}
