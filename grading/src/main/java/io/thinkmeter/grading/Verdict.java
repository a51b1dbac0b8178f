package io.thinkmeter.grading;

import java.util.List;

/**
 * The outcome of {@link AnswerGrader#grade}.
 *
 * @param equal      whether the predicted answer equals the gold one
 * @param answer     the answer taken from the prediction (after extraction), or null when none was found
 * @param extraction the rule that took the answer from the prediction ({@code last \boxed},
 *                   {@code answer phrase}, {@code bare answer}...) or why there is none ({@code cut off: no answer})
 * @param rules      the comparison rules that decided the pair's parts ({@link Rule#label()}), in
 *                   {@link Rule}'s order; empty when no comparison ran (no answer)
 * @param notes      why parts did not match, when that is not plain inequality: compared as text, units
 *                   differ, a symbolic check timed out or failed; empty when nothing needs saying
 */
public record Verdict(boolean equal, String answer, String extraction, List<String> rules, List<String> notes) {
}
