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

    static Outcome failed(String method, int budget, Double tau) {
        return new Outcome("p", null, "1", null, false, Method.fromWireName(method), null, budget, tau, 16, 0, 0, 0, 0, 0, StopReason.ERROR,
                "prompt too long");
    }
}
