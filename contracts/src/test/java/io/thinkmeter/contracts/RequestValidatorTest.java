package io.thinkmeter.contracts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

import java.util.List;

class RequestValidatorTest {

    static ProblemRequest request(String tenant, String problem, int budget, Method method, Level level,
                                  Double tau, Integer reserve, SamplingOptions sampling) {
        return new ProblemRequest(1, "r1", null, tenant, null, null, problem, budget, method, level, tau, reserve,
                sampling, 0, null, null);
    }

    @Test
    void shouldAcceptAWellFormedRequest() {
        assertEquals(List.of(), RequestValidator.problems(request("acme", "Compute 1 + 2.", 96, Method.TS, null, 2.0, 16,
                new SamplingOptions(0.7, 40, 0.9, 1L))));
    }

    @Test
    void shouldReportEveryBrokenRuleNamingFieldAndValue() {
        List<String> p = RequestValidator.problems(request("bad tenant!", " ", 0, Method.TLDR, Level.SHORT, 2.0, 5,
                new SamplingOptions(-1.0, -2, 1.5, null)));
        assertTrue(p.contains("tenant must be 1 to 64 letters, digits, '_', '.' or '-' (starting with a letter or digit),"
                + " was 'bad tenant!'"), p.toString());
        assertTrue(p.contains("problem is required and must not be blank"), p.toString());
        assertTrue(p.contains("budget must be between 1 and 1000000 tokens, was 0"), p.toString());
        assertTrue(p.contains("stop_temperature applies only to method ts; method was 'tldr'"), p.toString());
        assertTrue(p.contains("answer_reserve must be at least 1 and less than the budget (0), was 5"), p.toString());
        assertTrue(p.contains("sampling.temperature must be between 0 and 10, was -1.0"), p.toString());
        assertTrue(p.contains("sampling.top_k must be 0 or more, was -2"), p.toString());
        assertTrue(p.contains("sampling.top_p must be in (0, 1], was 1.5"), p.toString());
    }

    @Test
    void shouldRequireATenant() {
        assertTrue(RequestValidator.problems(request(null, "x", 10, Method.NONE, null, null, null, null))
                .contains("tenant is required"));
    }

    @Test
    void shouldRefuseTextPostgresCannotHoldNamingTheField() {
        ProblemRequest r = new ProblemRequest(1, "r1", "q\u00001", "acme", null, null, "Compute\u0000 1 + 2.", 96,
                Method.TS, Level.SHORT, null, null, null, 0, null, null);
        assertEquals(List.of(
                "client_id must not contain U+0000 (PostgreSQL text cannot hold it)",
                "problem must not contain U+0000 (PostgreSQL text cannot hold it)"), RequestValidator.problems(r));
        assertEquals(List.of("tenant must not contain U+0000 (PostgreSQL text cannot hold it)"),
                RequestValidator.problems(request("ac\u0000me", "x", 10, Method.NONE, null, null, null, null)));
    }

    @Test
    void shouldRefuseHalfASurrogatePairButKeepWholeOnes() {
        assertEquals(List.of("problem must not contain an unpaired surrogate (U+D83D at character 2) "
                        + "(PostgreSQL text cannot hold it)"),
                RequestValidator.problems(request("acme", "ab\uD83D", 10, Method.NONE, null, null, null, null)));
        assertEquals(List.of(), RequestValidator.problems(request("acme", "thinking \uD83E\uDD14", 10, Method.NONE, null,
                null, null, null)), "an emoji is a surrogate pair: storable");
        assertEquals(null, RequestValidator.unstorable("x", "tab\tand newline\n are fine"));
    }

    @Test
    void shouldRequireAMethod() {
        assertEquals(List.of("method must be one of none, budget-forcing, ts, tldr; was absent"),
                RequestValidator.problems(request("acme", "x", 10, null, null, null, null, null)));
    }

    @Test
    void shouldShowControlCharactersEscapedAndLongValuesCut() {
        assertEquals("method must be one of none, budget-forcing, ts, tldr; was 'fast\\u0007'",
                WireNames.problem(Method.class, Method.FIELD, "fast\u0007"));
        String longMethod = "m".repeat(150);
        assertEquals("method must be one of none, budget-forcing, ts, tldr; was '" + "m".repeat(100)
                + "'... (150 characters)", WireNames.problem(Method.class, Method.FIELD, longMethod));
    }

    private static ProblemRequest chat(List<ChatMessage> messages, Integer thinkingLimit, Integer minThinking,
                                       Method method, String user) {
        return new ProblemRequest(1, "r1", null, "acme", null, null, "Compute 1 + 2.", 96, method, null, null, null,
                null, 0, null, null, messages, thinkingLimit, minThinking, user);
    }

    @Test
    void shouldAcceptAConversationWithItsLimits() {
        assertEquals(List.of(), RequestValidator.problems(chat(List.of(new ChatMessage("system", "Be brief."),
                new ChatMessage("user", "Compute 1 + 2.")), 0, 10, Method.BUDGET_FORCING, "learner-7")));
    }

    @Test
    void shouldReportEveryBrokenRuleOfAConversationAndItsLimits() {
        List<String> p = RequestValidator.problems(chat(List.of(new ChatMessage("tool", "x"),
                new ChatMessage("user", null), new ChatMessage("user", "a\u0000b")), 97, 5, Method.TS, "u".repeat(300)));
        assertTrue(p.contains("messages[0].role must be one of system, developer, user, assistant, was 'tool'"),
                p.toString());
        assertTrue(p.contains("messages[1].content is required"), p.toString());
        assertTrue(p.contains("messages[2].content must not contain U+0000 (PostgreSQL text cannot hold it)"),
                p.toString());
        assertTrue(p.contains("thinking_limit must be 0 to the budget (96), was 97"), p.toString());
        assertTrue(p.contains("min_thinking applies only to method budget-forcing; method was 'ts'"), p.toString());
        assertTrue(p.contains("user must be at most 256 characters, was 300"), p.toString());
        assertEquals(List.of("messages must hold 1 to 256 messages, held 0"),
                RequestValidator.problems(chat(List.of(), null, null, Method.TS, null)));
        assertEquals(List.of("min_thinking must be 0 or more and less than the budget (96), was 96"),
                RequestValidator.problems(chat(null, null, 96, Method.BUDGET_FORCING, null)));
    }
}
