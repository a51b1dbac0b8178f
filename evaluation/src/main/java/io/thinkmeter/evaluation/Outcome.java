package io.thinkmeter.evaluation;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.thinkmeter.contracts.Level;
import io.thinkmeter.contracts.Method;
import io.thinkmeter.contracts.StopReason;

/**
 * What one problem came to under one combination: one line of the results file (written as it is,
 * request_id only when there is one), one sample of the
 * report. Settings are the effective ones (the tau and level actually used, also when the model's
 * table or the budget's tier chose them).
 *
 * @param problemId the problem's id in its set
 * @param requestId the platform's request id (via the platform), else null
 * @param finalAnswer the extracted answer, null when the model gave none or decoding failed
 * @param correct what the grader said; false for errors
 * @param answerReserve R, null when the platform's worker chose it
 * @param stopReason why decoding ended; error when it never ran
 * @param error why decoding failed (the request was refused or never answered), else null
 */
public record Outcome(String problemId, @JsonInclude(JsonInclude.Include.NON_NULL) String requestId, String gold, String finalAnswer, boolean correct,
                      Method method, Level level, int budget, Double stopTemperature, Integer answerReserve,
                      int promptTokens, int thinkingTokens, int answerTokens, int injectedTokens,
                      int generatedTokens, StopReason stopReason, String error) {

    public boolean failed() {
        return error != null;
    }

    /** Prompt and generated tokens: what the request cost in all. */
    public int totalTokens() {
        return promptTokens + generatedTokens;
    }
}
