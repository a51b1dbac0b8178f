package io.thinkmeter.evaluation;

import io.thinkmeter.contracts.Method;
import io.thinkmeter.contracts.StopReason;

/** Hand-made outcomes for the statistics tests: prompt 10 tokens, no injected tokens. */
final class Outcomes {

    private Outcomes() {}

    static Outcome decoded(String method, int budget, Double tau, int thinking, int generated, boolean correct) {
        return new Outcome("p", null, "1", correct ? "1" : "2", correct, Method.fromWireName(method), null, budget, tau, 16, 10, thinking,
                generated - thinking, 0, generated, StopReason.NATURAL, null);
    }

    /** A decoded outcome the grader named rules for. */
    static Outcome graded(boolean correct, String extraction, String... rules) {
        Outcome o = decoded("none", 48, null, 10, 20, correct);
        return new Outcome(o.problemId(), null, o.gold(), o.finalAnswer(), correct, o.method(), null, o.budget(), null,
                o.answerReserve(), o.promptTokens(), o.thinkingTokens(), o.answerTokens(), o.injectedTokens(),
                o.generatedTokens(), o.stopReason(), null, extraction, java.util.List.of(rules));
    }

    static Outcome failed(String method, int budget, Double tau) {
        return new Outcome("p", null, "1", null, false, Method.fromWireName(method), null, budget, tau, 16, 0, 0, 0, 0, 0, StopReason.ERROR,
                "prompt too long");
    }
}
