package io.thinkmeter.grading;

import java.util.List;

/**
 * What a {@link Grader} says about one pair: the decision and, where the grader can name them, the rules that
 * reached it, labelled as in {@link Verdict}. Evaluation counts the rules per run, so a shift in how answers are
 * taken or compared shows in its report.
 *
 * @param equal      whether the predicted answer equals the gold one
 * @param extraction the rule that took the answer from the prediction, or null when the grader does not say
 * @param rules      the comparison rules that decided; empty when none ran or the grader does not say
 */
public record GradeOutcome(boolean equal, String extraction, List<String> rules) {

    public GradeOutcome {
        rules = List.copyOf(rules);
    }
}
