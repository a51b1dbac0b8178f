package io.thinkmeter.grading;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

import java.util.List;

/** Evaluation's seam: the grader's rules come through {@link Grader#grade} as the verdict names them. */
class AnswerGraderProviderTest {

    private final Grader grader = new AnswerGraderProvider();

    @Test
    void gradeShouldNameTheExtractionAndComparisonRulesOfTheVerdict() {
        GradeOutcome boxed = grader.grade("We simplify, and the answer is $\\boxed{\\frac{1}{2}}$.", "0.5");
        Verdict verdict = SharedGrader.GRADER.grade("We simplify, and the answer is $\\boxed{\\frac{1}{2}}$.", "0.5");
        assertTrue(boxed.equal());
        assertEquals("last \\boxed", boxed.extraction());
        assertEquals(verdict.rules(), boxed.rules());
        assertFalse(boxed.rules().isEmpty());

        GradeOutcome cut = grader.grade("so \\boxed{\\frac{1}{", "1");
        assertFalse(cut.equal());
        assertEquals("cut off: no answer", cut.extraction());
        assertEquals(List.of(), cut.rules(), "nothing was compared");
    }

    @Test
    void aGraderThatNamesNoRulesShouldStillDecide() {
        Grader plain = (predicted, gold) -> predicted.equals(gold);
        GradeOutcome outcome = plain.grade("7", "7");
        assertTrue(outcome.equal());
        assertNull(outcome.extraction());
        assertEquals(List.of(), outcome.rules());
    }
}
