package io.thinkmeter.engine.decoding;

import io.thinkmeter.contracts.Method;

/**
 * How one request is decoded.
 *
 * @param method how thinking is controlled
 * @param budget B: the most tokens generated after the prompt, thinking, answer and injected tokens together
 * @param answerReserve R: tokens kept for the answer; the thinking cap is B - R - (forced answer length)
 * @param stopTemperature tau for {@link Method#TS}; ignored by other methods
 * @param minThinking with budget forcing: an earlier think-end is replaced by "Wait" (0: off)
 * @param maxWaits the most times "Wait" is injected
 * @param sampling sampler settings
 * @param thinkingLimit the request's own cap on thinking tokens, below what the budget allows (0: think-end
 *                      at once); null: none
 */
public record DecodeSettings(Method method, int budget, int answerReserve, double stopTemperature, int minThinking,
                             int maxWaits, Sampling sampling, Integer thinkingLimit) {

    /** Settings without a thinking limit of the request's own. */
    public DecodeSettings(Method method, int budget, int answerReserve, double stopTemperature, int minThinking,
                          int maxWaits, Sampling sampling) {
        this(method, budget, answerReserve, stopTemperature, minThinking, maxWaits, sampling, null);
    }

    /** The tau this request is decoded with, as results report it: null unless the method is ts. */
    public Double stopTemperatureUsed() {
        return method == Method.TS ? stopTemperature : null;
    }
}
