package io.thinkmeter.engine;

import io.thinkmeter.contracts.ChatMessage;
import io.thinkmeter.contracts.Method;
import io.thinkmeter.contracts.StopReason;
import io.thinkmeter.engine.decoding.DecodeSettings;
import io.thinkmeter.engine.decoding.Sampling;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Conversations through the model's chat template, and a request's own thinking limit, on the real tiny model. */
class ConversationsAndThinkingLimitsTest {

    private static final String PROBLEM = "Compute 4584 + 8530.";
    private static final ReasonerModel MODEL = TinyModel.shared();

    private static DecodeResult decode(DecodeRequest request) {
        try (BatchDecoder decoder = new BatchDecoder(MODEL, 1)) {
            decoder.submit(request);
            return decoder.drain().get(0);
        }
    }

    private static DecodeSettings settings(Method method, Integer thinkingLimit) {
        return new DecodeSettings(method, 200, 16, 1, 0, 0, Sampling.greedy(), thinkingLimit);
    }

    @Test
    void aOneMessageConversationDecodesExactlyAsTheProblemDoes() {
        DecodeResult asProblem = decode(new DecodeRequest("p", PROBLEM, null, settings(Method.BUDGET_FORCING, null)));
        DecodeResult asChat = decode(new DecodeRequest("c", PROBLEM, null, settings(Method.BUDGET_FORCING, null),
                List.of(new ChatMessage("user", PROBLEM))));
        assertEquals(asProblem.promptTokens(), asChat.promptTokens());
        assertEquals(asProblem.thinking(), asChat.thinking());
        assertEquals("13114", asChat.finalAnswer(), asChat.thinking());
    }

    @Test
    void earlierTurnsAreInThePrompt() {
        List<ChatMessage> conversation = List.of(new ChatMessage("user", "Compute 1 + 1."),
                new ChatMessage("assistant", "Final Answer: 2"), new ChatMessage("user", PROBLEM));
        DecodeResult r = decode(new DecodeRequest("c", PROBLEM, null, settings(Method.BUDGET_FORCING, null),
                conversation));
        int alone = MODEL.tokenizer().encode(MODEL.descriptor().prompt(PROBLEM, null)).length;
        assertTrue(r.promptTokens() > alone, r.promptTokens() + " vs " + alone);
    }

    @Test
    void aConversationTheTemplateRefusesIsRefusedInItsWords() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> decode(new DecodeRequest("s",
                PROBLEM, null, settings(Method.NONE, null),
                List.of(new ChatMessage("system", "Be brief."), new ChatMessage("user", PROBLEM)))));
        assertTrue(e.getMessage().contains("takes no system message"), e.getMessage());
    }

    @Test
    void aThinkingLimitOfZeroForcesTheAnswerAtOnce() {
        DecodeResult r = decode(new DecodeRequest("0", PROBLEM, null, settings(Method.BUDGET_FORCING, 0)));
        assertEquals(0, r.thinkingTokens());
        assertEquals(StopReason.FORCED_AT_CAP, r.stopReason());
        assertEquals(MODEL.specialTokens().forcedAnswer().length, r.injectedTokens());
    }

    @Test
    void aThinkingLimitCapsThinkingUnderEveryMethod() {
        for (Method method : Method.values()) {
            if (method == Method.TLDR) {
                continue; // the main model has no levels; the TLDR model's cap is the same BudgetForcing
            }
            DecodeResult free = decode(new DecodeRequest("f", PROBLEM, null, settings(method, null)));
            DecodeResult limited = decode(new DecodeRequest("l", PROBLEM, null, settings(method, 20)));
            assertTrue(free.thinkingTokens() > 20, method + " thinks " + free.thinkingTokens() + " unlimited");
            assertEquals(20, limited.thinkingTokens(), method.wireName());
            assertTrue(limited.generatedTokens() <= 200);
        }
    }
}
