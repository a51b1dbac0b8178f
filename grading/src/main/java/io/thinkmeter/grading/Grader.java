package io.thinkmeter.grading;

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
}
