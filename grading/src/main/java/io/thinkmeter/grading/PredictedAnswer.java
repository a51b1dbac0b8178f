package io.thinkmeter.grading;

import io.thinkmeter.engine.AnswerExtractor;
import io.thinkmeter.engine.AnswerExtractor.Extraction;
import io.thinkmeter.engine.AnswerExtractor.Rule;

import java.util.regex.Pattern;

/**
 * The answer in a prediction. A whole model output (a box, an answer phrase, display mathematics
 * {@code \[...\]}, several lines, or sentences) goes through the engine's {@link AnswerExtractor}, the
 * extraction whose answer the workers store; a bare answer ({@code 5}, {@code x+1}, {@code \text{east}})
 * (also in {@code $...$}, which normalisation removes) is taken whole, because the extractor's last-number rule would turn {@code x+1} into {@code 1}. An
 * output in which the extractor finds nothing is taken whole too ({@code all real numbers}): it then
 * equals only a gold of the same words. A cut-off output is no answer.
 */
final class PredictedAnswer {

    static final String ANSWER_PREFIX = "Final Answer:";
    /** The rule named for an answer taken whole. */
    static final String BARE = "bare answer";
    private static final AnswerExtractor EXTRACTOR = new AnswerExtractor(ANSWER_PREFIX);
    /** Signs of a whole output; {@code \[} opens display mathematics, but not in a row break {@code \\[2pt]}. */
    private static final Pattern OUTPUT_MARKS = Pattern.compile("(?i)\\\\boxed|\\\\fbox|\\banswers?\\b|(?<!\\\\)\\\\\\[|\\\\\\(|\\n");

    private PredictedAnswer() {
    }

    /** The answer (null when there is none) and the extraction rule that decided it. */
    record Taken(String answer, String rule) {
    }

    static Taken of(String text) {
        String s = text.strip();
        if (!OUTPUT_MARKS.matcher(s).find() && !AnswerExtractor.isProse(s) && !s.isEmpty()) {
            return new Taken(s, BARE);
        }
        Extraction e = EXTRACTOR.extraction(s);
        if (e.rule() == Rule.NOTHING && !s.isEmpty()) {
            return new Taken(s, BARE);
        }
        return new Taken(e.answer() == null || e.answer().isBlank() ? null : e.answer(), e.rule().label());
    }

    /** A gold answer: its box's content when it has one ({@code \boxed{5}}), else the whole text. */
    static String gold(String text) {
        if (text.contains("\\boxed") || text.contains("\\fbox")) {
            Extraction e = EXTRACTOR.extraction(text);
            if (e.rule() == Rule.BOX) {
                return e.answer();
            }
        }
        String s = text.strip();
        return s.isEmpty() ? null : s;
    }
}
