package io.thinkmeter.engine.decoding;

import static io.thinkmeter.engine.decoding.Vocab.*;
import static org.junit.jupiter.api.Assertions.*;

import io.thinkmeter.contracts.Method;
import org.junit.jupiter.api.Test;

import java.util.List;

class DecodePlanTest {

    private static final Sampling SAMPLED = new Sampling(0.7, 20, 0.9, 11);

    private static DecodeSettings settings(Method method, int budget, int reserve, double tau, Sampling sampling) {
        return new DecodeSettings(method, budget, reserve, tau, 0, 0, sampling);
    }

    private static List<String> linkNames(DecodePlan plan) {
        return plan.chain().links().stream().map(l -> l.getClass().getSimpleName()).toList();
    }

    @Test
    void shouldUseOnlySamplerProcessorsForNone() {
        DecodePlan plan = DecodePlan.forRequest(settings(Method.NONE, 50, 10, 1, SAMPLED), tokens());
        assertEquals(List.of("TemperatureScaling", "TopK", "TopP"), linkNames(plan));
        assertInstanceOf(SampledPicker.class, plan.picker());
        assertEquals(50, plan.thinkingCap(), "no cap but the budget");
    }

    @Test
    void shouldUseAnEmptyChainAndGreedyPickerForGreedyNone() {
        DecodePlan plan = DecodePlan.forRequest(settings(Method.NONE, 2, 0, 1, Sampling.greedy()), tokens());
        assertEquals(List.of(), linkNames(plan));
        assertInstanceOf(GreedyPicker.class, plan.picker());
    }

    @Test
    void shouldBuildBudgetForcingWithMinimumThinking() {
        DecodeSettings s = new DecodeSettings(Method.BUDGET_FORCING, 100, 20, 1, 30, 2, SAMPLED);
        DecodePlan plan = DecodePlan.forRequest(s, tokens());
        assertEquals(List.of("TemperatureScaling", "BudgetForcing", "TopK", "TopP"), linkNames(plan));
        assertEquals(77, plan.thinkingCap());
        assertEquals(77, plan.chain().find(BudgetForcing.class).thinkingCap());
    }

    @Test
    void shouldPutStopTemperatureBeforeTheBudgetForcingBackstop() {
        DecodePlan plan = DecodePlan.forRequest(settings(Method.TS, 100, 20, 1.5, SAMPLED), tokens());
        assertEquals(List.of("TemperatureScaling", "StopTemperature", "BudgetForcing", "TopK", "TopP"), linkNames(plan));
        assertEquals(1.5, plan.chain().find(StopTemperature.class).tau());

        DecodePlan greedy = DecodePlan.forRequest(settings(Method.TS, 100, 20, 1.5, Sampling.greedy()), tokens());
        assertEquals(List.of("StopTemperature", "BudgetForcing"), linkNames(greedy));
    }

    @Test
    void shouldNotInjectWaitsInTheTsBackstop() {
        DecodeSettings s = new DecodeSettings(Method.TS, 100, 20, 1.5, 50, 5, Sampling.greedy());
        DecodePlan plan = DecodePlan.forRequest(s, tokens());
        float[] logits = favouring(THINK_END);
        plan.chain().apply(logits);
        assertFalse(plan.chain().forcing(), "the backstop only acts at the cap");
    }

    @Test
    void shouldUseTheBudgetForcingBackstopForTldr() {
        DecodePlan plan = DecodePlan.forRequest(settings(Method.TLDR, 10, 3, 1, Sampling.greedy()), tokens());
        assertEquals(List.of("BudgetForcing"), linkNames(plan));
        assertEquals(4, plan.thinkingCap());
    }

    @Test
    void shouldLeaveOutTopKAndTopPWhenOff() {
        DecodePlan plan = DecodePlan.forRequest(settings(Method.NONE, 10, 0, 1, new Sampling(1, 0, 1, 0)), tokens());
        assertEquals(List.of("TemperatureScaling"), linkNames(plan));
    }

    @Test
    void shouldCopyAPlanIndependently() {
        DecodePlan plan = DecodePlan.forRequest(settings(Method.BUDGET_FORCING, 10, 0, 1, SAMPLED), tokens());
        plan.chain().accept(WORD);
        DecodePlan copy = plan.copy();
        copy.chain().accept(WORD);
        assertEquals(1, plan.chain().find(BudgetForcing.class).thinkingTokens());
        assertEquals(2, copy.chain().find(BudgetForcing.class).thinkingTokens());
    }

    private static void assertRejected(String message, DecodeSettings s) {
        IllegalArgumentException e =
                assertThrows(IllegalArgumentException.class, () -> DecodePlan.forRequest(s, tokens()));
        assertEquals(message, e.getMessage());
    }

    @Test
    void shouldRejectInvalidSettingsWithClearMessages() {
        assertRejected("budget must be between 1 and 1000000 tokens, got 0", settings(Method.NONE, 0, 0, 1, SAMPLED));
        assertRejected("answer reserve must be in [0, budget 10), got 10", settings(Method.NONE, 10, 10, 1, SAMPLED));
        assertRejected("answer reserve must be in [0, budget 10), got -1", settings(Method.NONE, 10, -1, 1, SAMPLED));
        assertRejected("stop temperature tau must be positive and finite for method ts, got 0.0",
                settings(Method.TS, 10, 0, 0, SAMPLED));
        assertRejected("top-p must be in (0, 1], got 0.0", settings(Method.NONE, 10, 0, 1, new Sampling(1, 0, 0, 0)));
        assertRejected("top-p must be in (0, 1], got 1.2", settings(Method.NONE, 10, 0, 1, new Sampling(1, 0, 1.2, 0)));
        assertRejected("top-k must be >= 0 (0: off), got -1", settings(Method.NONE, 10, 0, 1, new Sampling(1, -1, 1, 0)));
        assertRejected("temperature must be between 0 and 10, got -0.5",
                settings(Method.NONE, 10, 0, 1, new Sampling(-0.5, 0, 1, 0)));
        assertRejected("minThinking must be >= 0, got -1",
                new DecodeSettings(Method.BUDGET_FORCING, 10, 0, 1, -1, 0, SAMPLED));
        assertRejected("maxWaits must be >= 0, got -1",
                new DecodeSettings(Method.BUDGET_FORCING, 10, 0, 1, 0, -1, SAMPLED));
    }

    @Test
    void shouldIgnoreTauForMethodsOtherThanTs() {
        assertDoesNotThrow(() -> DecodePlan.forRequest(settings(Method.BUDGET_FORCING, 10, 0, 0, SAMPLED), tokens()));
    }

    @Test
    void shouldRejectBudgetTooSmallForTheForcedAnswer() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> DecodePlan.forRequest(settings(Method.BUDGET_FORCING, 3, 0, 1, SAMPLED), tokens()));
        assertTrue(e.getMessage().startsWith("budget 3 is too small for budget forcing: it must be at least 4"),
                e.getMessage());
        assertDoesNotThrow(() -> DecodePlan.forRequest(settings(Method.NONE, 3, 0, 1, SAMPLED), tokens()),
                "no forced answer, no minimum");
    }
}
