package io.thinkmeter.engine.decoding;

import io.thinkmeter.contracts.BudgetTiers;
import io.thinkmeter.contracts.Level;
import io.thinkmeter.contracts.Method;
import io.thinkmeter.contracts.Pool;

import java.util.function.IntToDoubleFunction;

/**
 * What a request leaves open, filled in the same way wherever it is decoded (a pool worker,
 * {@code decode}, {@code eval}, {@code calibrate}): the answer reserve, the thinking cap, the TLDR level
 * and the stop temperature. Pure logic: the model's numbers (its default reserve, its calibrated taus)
 * and the configured tiers are handed in.
 *
 * <pre>
 *   answer reserve R   the request's, else the model's default clamped to B - 1, so any budget keeps
 *                      at least one token beyond the reserve (budget 12 with default 16: R = 11)
 *   thinking cap C     B - R - F floored at 0 (F: the forced answer's length), so thinking, the forced
 *                      answer and the reserve fit in B; 0 means the answer is forced at once
 *   TLDR level         the request's, else its pool's, else (no scheduler) its budget's tier's
 *   stop temperature   the request's, else for ts the model's table for B (its calibration.json, or the
 *                      defaults); methods other than ts get {@link #NO_STOP_TEMPERATURE}, which they ignore
 * </pre>
 */
public final class BudgetPolicy {

    /** The tau of a request that is not ts: 1, no scaling, which keeps its settings valid. */
    public static final double NO_STOP_TEMPERATURE = 1.0;

    private final int defaultAnswerReserve;
    private final BudgetTiers tiers;
    private final IntToDoubleFunction stopTemperatureForBudget;

    /**
     * @param defaultAnswerReserve R for requests that name none (reasoner.json's default_answer_reserve)
     * @param tiers the scheduler's budget tiers, for a TLDR request that reaches the engine unrouted
     * @param stopTemperatureForBudget the model's tau for a budget (its {@code StopTemperatureTable})
     */
    public BudgetPolicy(int defaultAnswerReserve, BudgetTiers tiers, IntToDoubleFunction stopTemperatureForBudget) {
        if (defaultAnswerReserve < 0) {
            throw new IllegalArgumentException("the default answer reserve must be >= 0, got " + defaultAnswerReserve);
        }
        if (tiers == null || stopTemperatureForBudget == null) {
            throw new IllegalArgumentException("a budget policy needs budget tiers and a stop temperature table");
        }
        this.defaultAnswerReserve = defaultAnswerReserve;
        this.tiers = tiers;
        this.stopTemperatureForBudget = stopTemperatureForBudget;
    }

    /**
     * C = B - R - F, floored at 0.
     *
     * @param forcedAnswerLength F, the tokens budget forcing injects at the cap
     */
    public static int thinkingCap(int budget, int reserve, int forcedAnswerLength) {
        if (reserve < 0 || forcedAnswerLength < 0) {
            throw new IllegalArgumentException("answer reserve and forced answer length must be >= 0, got " + reserve
                    + " and " + forcedAnswerLength);
        }
        return Math.max(0, budget - reserve - forcedAnswerLength);
    }

    /** R: {@code asked} when the request names one, else the model's default clamped to {@code budget - 1}. */
    public int answerReserve(Integer asked, int budget) {
        return asked != null ? asked : Math.max(0, Math.min(defaultAnswerReserve, budget - 1));
    }

    /** Tau: {@code asked} when named, else for ts the model's for the budget, else {@link #NO_STOP_TEMPERATURE}. */
    public double stopTemperature(Method method, Double asked, int budget) {
        if (asked != null) {
            return asked;
        }
        return method == Method.TS ? stopTemperatureForBudget.applyAsDouble(budget) : NO_STOP_TEMPERATURE;
    }

    /**
     * The level a request decodes at: {@code asked} when named; for tldr without one, its pool's (the
     * scheduler chose it with the configured tiers), else the tier of its budget; otherwise none.
     *
     * @param pool the pool the scheduler routed it to; null when decoded without a scheduler
     */
    public Level level(Method method, Level asked, Pool pool, int budget) {
        return level(method, asked, pool, tiers, budget);
    }

    /** {@link #level(Method, Level, Pool, int)} under the given tiers, for callers that decode nothing. */
    public static Level level(Method method, Level asked, Pool pool, BudgetTiers tiers, int budget) {
        if (asked != null || method != Method.TLDR) {
            return asked;
        }
        return BudgetTiers.levelOf(pool != null ? pool : tiers.poolFor(budget));
    }

    /** A request's decode settings with what it leaves open filled in by this policy. */
    public DecodeSettings settings(Method method, int budget, Integer askedReserve, Double askedStopTemperature,
                                   int minThinking, int maxWaits, Sampling sampling) {
        return settings(method, budget, askedReserve, askedStopTemperature, minThinking, maxWaits, sampling, null);
    }

    /** The same, with the request's own thinking limit (null: none). */
    public DecodeSettings settings(Method method, int budget, Integer askedReserve, Double askedStopTemperature,
                                   int minThinking, int maxWaits, Sampling sampling, Integer thinkingLimit) {
        return new DecodeSettings(method, budget, answerReserve(askedReserve, budget),
                stopTemperature(method, askedStopTemperature, budget), minThinking, maxWaits, sampling, thinkingLimit);
    }

    public BudgetTiers tiers() {
        return tiers;
    }
}
