package io.thinkmeter.grading;

import java.util.List;

/**
 * The outcome of {@link AnswerGrader#grade}.
 *
 * @param equal  whether the predicted answer equals the gold one
 * @param answer the answer taken from the prediction (after extraction), or null when none was found
 * @param notes  why parts did not match, when that is not plain inequality: compared as text, units
 *               differ, a symbolic check timed out or failed; empty when nothing needs saying
 */
public record Verdict(boolean equal, String answer, List<String> notes) {
}
