package io.thinkmeter.engine;

import io.thinkmeter.contracts.StopReason;

/**
 * What decoding one request produced and spent.
 *
 * @param thinking the text generated before the think-end delimiter
 * @param answer the text generated after thinking (from the think-end delimiter on, specials removed)
 * @param finalAnswer the answer extracted from {@code answer}, or null when none was found
 * @param generatedTokens every token after the prompt, generated or injected: never more than the budget
 * @param generatedIds those tokens
 * @param decodeMillis wall time from admission to the last token
 * @param request what was decoded, with the settings the policy filled in (tau, reserve, level), so a
 *     result can report them without working them out again
 */
public record DecodeResult(String id, String thinking, String answer, String finalAnswer, int promptTokens,
                           int thinkingTokens, int answerTokens, int injectedTokens, int generatedTokens,
                           StopReason stopReason, int[] generatedIds, long decodeMillis, DecodeRequest request) {}
