package io.thinkmeter.grading;

import java.util.List;

/**
 * Decides whether a model's final answer equals the reference answer. Evaluation depends on this
 * interface only, so the answer grader (which normalises LaTeX, fractions, leading zeros and the
 * like) can be plugged in without evaluation knowing how it works; see {@link Graders}.
 */
@FunctionalInterface
public interface Grader {

    /**
     * @param predicted the model's extracted final answer; null when it gave none
     * @param gold the reference answer as the data set has it
     */
    boolean equal(String predicted, String gold);

    /**
     * The decision with the rules behind it. A grader that cannot name its rules keeps this default, and
     * evaluation's report then has no rules to count.
     */
    default GradeOutcome grade(String predicted, String gold) {
        return new GradeOutcome(equal(predicted, gold), null, List.of());
    }
}
