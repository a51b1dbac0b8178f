package io.thinkmeter.evaluation;

import io.thinkmeter.grading.GradeOutcome;
import io.thinkmeter.grading.Grader;
import java.math.BigInteger;
import java.util.List;

/**
 * Tests only: a stand-in for the real answer grader, registered for tests in
 * {@code src/test/resources/META-INF/services}. Equal after trimming, or as integers ("025" = "25").
 * Enough for the tiny model, whose answers are integers. It names its rules as the real grader does, so the
 * report's rule counts can be tested: the whole prediction is the answer ({@value #EXTRACTION}), compared as
 * {@value #SAME_TEXT} or {@value #INTEGERS}.
 */
public final class StandInGrader implements Grader {

    public static final String EXTRACTION = "bare answer";
    public static final String SAME_TEXT = "same text";
    public static final String INTEGERS = "integers";

    @Override
    public boolean equal(String predicted, String gold) {
        return grade(predicted, gold).equal();
    }

    @Override
    public GradeOutcome grade(String predicted, String gold) {
        if (predicted == null || gold == null) {
            return new GradeOutcome(false, null, List.of());
        }
        String p = predicted.trim();
        String g = gold.trim();
        if (p.equals(g)) {
            return new GradeOutcome(true, EXTRACTION, List.of(SAME_TEXT));
        }
        try {
            return new GradeOutcome(new BigInteger(p).equals(new BigInteger(g)), EXTRACTION, List.of(INTEGERS));
        } catch (NumberFormatException e) {
            return new GradeOutcome(false, EXTRACTION, List.of(SAME_TEXT));
        }
    }
}
