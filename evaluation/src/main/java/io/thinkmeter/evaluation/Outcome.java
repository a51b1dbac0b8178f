package io.thinkmeter.evaluation;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.thinkmeter.contracts.Level;
import io.thinkmeter.contracts.Method;
import io.thinkmeter.contracts.StopReason;

import java.util.List;

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
 * @param extraction the grader's rule that took the answer it compared ({@link io.thinkmeter.grading.GradeOutcome});
 *                   null when nothing was graded or the grader does not say (then left out of the results file)
 * @param graderRules the grader's comparison rules that decided; empty when none are known (then left out)
 * @param minThinking budget forcing's minimum thinking (s1), null when none (then left out)
 * @param tldrModel the name of the TLDR model that decoded a tldr outcome when an evaluation compares several
 *     (the report keeps them apart), else null (then left out)
 */
public record Outcome(String problemId, @JsonInclude(JsonInclude.Include.NON_NULL) String requestId, String gold, String finalAnswer, boolean correct,
                      Method method, Level level, int budget, Double stopTemperature, Integer answerReserve,
                      int promptTokens, int thinkingTokens, int answerTokens, int injectedTokens,
                      int generatedTokens, StopReason stopReason, String error,
                      @JsonInclude(JsonInclude.Include.NON_NULL) String extraction,
                      @JsonInclude(JsonInclude.Include.NON_EMPTY) List<String> graderRules,
                      @JsonInclude(JsonInclude.Include.NON_NULL) Integer minThinking,
                      @JsonInclude(JsonInclude.Include.NON_NULL) String tldrModel) {

    public Outcome {
        graderRules = graderRules == null ? List.of() : List.copyOf(graderRules);
    }

    /** A graded outcome without a minimum thinking. */
    public Outcome(String problemId, String requestId, String gold, String finalAnswer, boolean correct, Method method,
                   Level level, int budget, Double stopTemperature, Integer answerReserve, int promptTokens,
                   int thinkingTokens, int answerTokens, int injectedTokens, int generatedTokens, StopReason stopReason,
                   String error, String extraction, List<String> graderRules) {
        this(problemId, requestId, gold, finalAnswer, correct, method, level, budget, stopTemperature, answerReserve,
                promptTokens, thinkingTokens, answerTokens, injectedTokens, generatedTokens, stopReason, error,
                extraction, graderRules, null, null);
    }

    /** An outcome the grader said nothing about: an error, or an answer graded by a grader that names no rules. */
    public Outcome(String problemId, String requestId, String gold, String finalAnswer, boolean correct, Method method,
                   Level level, int budget, Double stopTemperature, Integer answerReserve, int promptTokens,
                   int thinkingTokens, int answerTokens, int injectedTokens, int generatedTokens, StopReason stopReason,
                   String error) {
        this(problemId, requestId, gold, finalAnswer, correct, method, level, budget, stopTemperature, answerReserve,
                promptTokens, thinkingTokens, answerTokens, injectedTokens, generatedTokens, stopReason, error, null,
                List.of(), null, null);
    }

    /** This outcome under budget forcing's minimum thinking (null or 0: none). */
    public Outcome withMinThinking(Integer minimum) {
        return new Outcome(problemId, requestId, gold, finalAnswer, correct, method, level, budget, stopTemperature,
                answerReserve, promptTokens, thinkingTokens, answerTokens, injectedTokens, generatedTokens, stopReason,
                error, extraction, graderRules, minimum == null || minimum == 0 ? null : minimum, tldrModel);
    }

    /** This outcome named after the TLDR model that decoded it. */
    public Outcome onTldrModel(String name) {
        return new Outcome(problemId, requestId, gold, finalAnswer, correct, method, level, budget, stopTemperature,
                answerReserve, promptTokens, thinkingTokens, answerTokens, injectedTokens, generatedTokens, stopReason,
                error, extraction, graderRules, minThinking, name);
    }

    public boolean failed() {
        return error != null;
    }

    /** Prompt and generated tokens: what the request cost in all. */
    public int totalTokens() {
        return promptTokens + generatedTokens;
    }
}
