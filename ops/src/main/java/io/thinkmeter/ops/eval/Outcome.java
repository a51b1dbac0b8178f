package io.thinkmeter.ops.eval;

/**
 * What one problem came to under one combination: one line of the results file, one sample of the
 * report. Settings are the effective ones (the tau and level actually used, also when the model's
 * table or the budget's tier chose them).
 *
 * @param problemId the problem's id in its set
 * @param requestId the platform's request id (via the platform), else null
 * @param finalAnswer the extracted answer, null when the model gave none or decoding failed
 * @param correct what the grader said; false for errors
 * @param answerReserve R, null when the platform's worker chose it
 * @param stopReason natural, forced_at_cap, max_tokens, or error
 * @param error why decoding failed (the request was refused or never answered), else null
 */
public record Outcome(String problemId, String requestId, String gold, String finalAnswer, boolean correct,
                      String method, String level, int budget, Double stopTemperature, Integer answerReserve,
                      int promptTokens, int thinkingTokens, int answerTokens, int injectedTokens,
                      int generatedTokens, String stopReason, String error) {

    public boolean failed() {
        return error != null;
    }

    /** Prompt and generated tokens: what the request cost in all. */
    public int totalTokens() {
        return promptTokens + generatedTokens;
    }
}
