package io.thinkmeter.engine.decoding;

import io.thinkmeter.contracts.Method;

import io.thinkmeter.contracts.RequestValidator;

import java.util.ArrayList;
import java.util.List;

/**
 * What one request decodes with: the intervention chain, the picker and the thinking cap, built
 * from its settings per method.
 *
 * <pre>
 * Chain order: TemperatureScaling (sampling only) -> StopTemperature (TS) -> BudgetForcing -> TopK -> TopP
 *   NONE            no forcing; the loop stops at the budget; thinkingCap = budget
 *                   (with a thinking limit: BudgetForcing(limit), so the limit holds)
 *   BUDGET_FORCING  BudgetForcing(cap, minThinking, maxWaits)
 *   TS              StopTemperature(tau), then BudgetForcing(cap) as the backstop (no waits)
 *   TLDR            BudgetForcing(cap) as the backstop (the instruction is in the prompt, not here)
 * </pre>
 *
 * A request's thinking limit (OpenAI's {@code thinking_token_budget}) lowers the cap to min(cap, limit).
 *
 * <p>Temperature comes before the stopping links so they see the distribution actually sampled
 * from; top-k and top-p come after budget forcing so they can never remove a forced token (a forced
 * step leaves a single candidate, which both keep). Under greedy decoding top-k and top-p are left
 * out: they never change the argmax.
 *
 * @param chain the interventions, in order
 * @param picker greedy when {@code sampling.isGreedy()}, else seeded with {@code sampling.seed()}
 * @param thinkingCap C = B - R - forcedAnswer.length floored at 0 ({@link BudgetPolicy#thinkingCap}); B for
 *     {@link Method#NONE}
 */
public record DecodePlan(InterventionChain chain, TokenPicker picker, int thinkingCap) {

    public static DecodePlan forRequest(DecodeSettings settings, SpecialTokens tokens) {
        validate(settings, tokens);
        Sampling sampling = settings.sampling();
        List<Intervention> links = new ArrayList<>();
        if (!sampling.isGreedy()) {
            links.add(new TemperatureScaling(sampling.temperature()));
        }
        int cap = settings.budget();
        if (settings.method() != Method.NONE) {
            cap = BudgetPolicy.thinkingCap(settings.budget(), settings.answerReserve(), tokens.forcedAnswer().length);
        }
        if (settings.thinkingLimit() != null) {
            cap = Math.min(cap, settings.thinkingLimit());
        }
        switch (settings.method()) {
            case NONE -> {
                if (settings.thinkingLimit() != null) {
                    links.add(new BudgetForcing(cap, tokens));
                }
            }
            case BUDGET_FORCING -> links.add(
                    new BudgetForcing(cap, tokens, settings.minThinking(), settings.maxWaits()));
            case TS -> {
                links.add(new StopTemperature(settings.stopTemperature(), tokens.thinkEnd()));
                links.add(new BudgetForcing(cap, tokens));
            }
            case TLDR -> links.add(new BudgetForcing(cap, tokens));
        }
        if (!sampling.isGreedy()) {
            if (sampling.topK() > 0) {
                links.add(new TopK(sampling.topK()));
            }
            if (sampling.topP() < 1) {
                links.add(new TopP(sampling.topP()));
            }
        }
        TokenPicker picker = sampling.isGreedy() ? new GreedyPicker() : new SampledPicker(sampling.seed());
        return new DecodePlan(new InterventionChain(links), picker, cap);
    }

    /** An independent plan in the same state, for a sequence that branches off this one. */
    public DecodePlan copy() {
        return new DecodePlan(chain.copy(), picker.copy(), thinkingCap);
    }

    /**
     * The engine's preconditions, in the ranges of {@link RequestValidator} (which validated the request at
     * the edge); the reserve is the one {@link BudgetPolicy} resolved, so 0 is allowed (a budget of 1).
     */
    private static void validate(DecodeSettings settings, SpecialTokens tokens) {
        if (settings == null) {
            throw new IllegalArgumentException("decode settings are required, got null");
        }
        if (tokens == null) {
            throw new IllegalArgumentException("special tokens are required, got null");
        }
        if (settings.method() == null) {
            throw new IllegalArgumentException("method is required, got null");
        }
        if (settings.sampling() == null) {
            throw new IllegalArgumentException("sampling is required, got null");
        }
        if (!RequestValidator.budgetInRange(settings.budget())) {
            throw new IllegalArgumentException("budget must be between 1 and " + RequestValidator.MAX_BUDGET
                    + " tokens, got " + settings.budget());
        }
        if (settings.answerReserve() < 0 || settings.answerReserve() >= settings.budget()) {
            throw new IllegalArgumentException("answer reserve must be in [0, budget " + settings.budget()
                    + "), got " + settings.answerReserve());
        }
        int forcedAnswer = tokens.forcedAnswer() == null ? 0 : tokens.forcedAnswer().length;
        // every method but none has budget forcing, at least as the backstop
        if (settings.method() != Method.NONE && settings.budget() <= forcedAnswer) {
            throw new IllegalArgumentException("budget " + settings.budget() + " is too small for budget forcing: it"
                    + " must be at least " + (forcedAnswer + 1)
                    + " (the forced answer of " + forcedAnswer + " tokens plus one answer token)");
        }
        if (settings.thinkingLimit() != null && settings.thinkingLimit() < 0) {
            throw new IllegalArgumentException("thinking limit must be >= 0, got " + settings.thinkingLimit());
        }
        if (settings.minThinking() < 0) {
            throw new IllegalArgumentException("minThinking must be >= 0, got " + settings.minThinking());
        }
        if (settings.maxWaits() < 0) {
            throw new IllegalArgumentException("maxWaits must be >= 0, got " + settings.maxWaits());
        }
        double tau = settings.stopTemperature();
        if (settings.method() == Method.TS && !RequestValidator.stopTemperatureInRange(tau)) {
            throw new IllegalArgumentException("stop temperature tau must be positive and finite for method ts, got "
                    + tau);
        }
        Sampling s = settings.sampling();
        if (!RequestValidator.temperatureInRange(s.temperature())) {
            throw new IllegalArgumentException("temperature must be between 0 and "
                    + (int) RequestValidator.MAX_TEMPERATURE + ", got " + s.temperature());
        }
        if (!RequestValidator.topKInRange(s.topK())) {
            throw new IllegalArgumentException("top-k must be >= 0 (0: off), got " + s.topK());
        }
        if (!RequestValidator.topPInRange(s.topP())) {
            throw new IllegalArgumentException("top-p must be in (0, 1], got " + s.topP());
        }
    }
}
