package io.thinkmeter.grading;

import io.thinkmeter.engine.AnswerExtractor;

import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The answer in a prediction: a whole model output ({@code ... so \boxed{5}}, {@code Final Answer: 5},
 * {@code ... so the answer is $x = 5$.}) goes through the engine's {@link AnswerExtractor}, the same extraction the workers store; anything
 * else is already a bare answer ({@code 5}, {@code x+1}) and is taken whole, because the extractor's
 * last-number fallback would turn {@code x+1} into {@code 1}.
 */
final class PredictedAnswer {

    static final String ANSWER_PREFIX = "Final Answer:";
    private static final AnswerExtractor EXTRACTOR = new AnswerExtractor(ANSWER_PREFIX);
    /** A sentence that states the answer marks a whole output, not a bare answer. */
    private static final Pattern ANSWER_IS = Pattern.compile("(?i)\\banswer is\\b");

    private PredictedAnswer() {
    }

    static Optional<String> of(String text) {
        if (text.contains("\\boxed") || text.contains("\\fbox") || text.contains(ANSWER_PREFIX)
                || ANSWER_IS.matcher(text).find()) {
            return Optional.ofNullable(EXTRACTOR.extract(text)).filter(s -> !s.isBlank());
        }
        return Optional.of(text.strip()).filter(s -> !s.isEmpty());
    }
}
