package io.thinkmeter.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.thinkmeter.engine.AnswerExtractor.Extraction;
import io.thinkmeter.engine.AnswerExtractor.Rule;
import org.junit.jupiter.api.Test;

class AnswerExtractorTest {

    private final AnswerExtractor extractor = new AnswerExtractor("Final Answer:");

    @Test
    void shouldTakeTheLastBoxWithNestedBraces() {
        assertEquals("\\frac{1}{2}", extractor.extract("\\boxed{3} then \\boxed{\\frac{1}{2}}"));
    }

    @Test
    void shouldFindNoAnswerInAnOutputCutOffInsideItsBox() {
        for (String cut : new String[] {"\\boxed{7} and \\boxed{\\frac{1}{", "So the total is \\boxed{1",
                "there are 3 apples, so the total is \\boxed{1", "\\boxed{\\frac{1}{2}", "\\fbox{12"}) {
            Extraction e = extractor.extraction(cut);
            assertNull(e.answer(), cut);
            assertEquals(Rule.CUT_OFF, e.rule(), cut);
        }
    }

    @Test
    void shouldFindNoAnswerInAnOutputCutOffInsideItsMathematics() {
        for (String cut : new String[] {"The answer is $\\frac{1}{", "so we get \\[ x = 1", "Thus the sum is $12 + ",
                "the answer is \\frac{3}{", "hence $$\\sqrt{2"}) {
            Extraction e = extractor.extraction(cut);
            assertNull(e.answer(), cut);
            assertEquals(Rule.CUT_OFF, e.rule(), cut);
        }
    }

    @Test
    void shouldStillReadAWholeBoxOrAForcedAnswerLineAfterACut() {
        assertEquals("5", extractor.extract("so \\boxed{5}. Let me check: $\\frac{1}{"));
        assertEquals("42", extractor.extract("\\boxed{\\frac{1}{ ...\nFinal Answer: 42"));
    }

    @Test
    void shouldPreferAFinalAnswerLineThatComesAfterTheLastBox() {
        assertEquals("8", extractor.extract("draft \\boxed{7}, but wait.\nFinal Answer: 8"));
        Extraction e = extractor.extraction("so \\boxed{7}.\nThe final answer is $8$.");
        assertEquals("8", e.answer());
        assertEquals(Rule.FINAL_ANSWER_LINE, e.rule());
    }

    @Test
    void shouldReadAnswersStatedWithoutABox() {
        assertEquals("42", extractor.extract("The answer is \\[ 42 \\]"));
        assertEquals("17", extractor.extract("Answer: $ 17 $"));
        assertEquals("7", extractor.extract("Final Answer: the smallest $k$ is 7."));
        assertEquals("y \\le 3", extractor.extract("Hence $y \\le 3$ holds."));
        assertEquals("\\frac{3}{4}", extractor.extract("Therefore, the value is $\\frac{3}{4}$."));
        assertEquals("x = 2", extractor.extract("We find that $x = 2$.\nSo we are done."));
        assertEquals("1/2", extractor.extract("the probability comes out to 1/2"));
        assertEquals("0.999...", extractor.extract("The answer is 0.999..."));
        assertEquals("12 pct", extractor.extract("The answer is 12 pct."));
    }

    @Test
    void shouldJoinMathematicsWrittenAsSeveralAnswers() {
        assertEquals("(-6,6), (2,6)", extractor.extract("$(-6,6)$, $(2,6)$"));
        assertEquals("2, 3, 5", extractor.extract("The solutions are $2$, $3$ and $5$."));
        assertEquals("2, 3", extractor.extract("Answer: $2$ or $3$"));
        assertEquals("5", extractor.extract("With $x=2$ we get $y$ equal to $5$"));
    }

    @Test
    void shouldJoinBoxesWrittenAsSeveralAnswers() {
        assertEquals("2, 3, 5", extractor.extract("The primes are \\boxed{2}, \\boxed{3} and \\boxed{5}."));
        assertEquals("1, -1", extractor.extract("$x = \\boxed{1}$ or $x = \\boxed{-1}$"));
        assertEquals("7", extractor.extract("first \\boxed{6}; no wait, recheck: \\boxed{7}"));
        assertEquals("4", extractor.extract("\\boxed{3} is wrong, it is \\boxed{4}"));
    }

    @Test
    void shouldNameTheRuleThatFoundTheAnswer() {
        assertEquals(Rule.BOX, extractor.extraction("so \\boxed{5}").rule());
        assertEquals(Rule.FINAL_ANSWER_LINE, extractor.extraction("Final Answer: 5").rule());
        assertEquals(Rule.ANSWER_PHRASE, extractor.extraction("The answer is $5$.").rule());
        assertEquals(Rule.LAST_MATH, extractor.extraction("so $x=5$").rule());
        assertEquals(Rule.LAST_NUMBER, extractor.extraction("so 5 apples").rule());
        assertEquals(Rule.NOTHING, extractor.extraction("Wait, let me verify").rule());
    }

    @Test
    void shouldFallBackToTheAnswerPrefixLine() {
        assertEquals("42", extractor.extract("</think>\nFinal Answer: 42\nmore"));
    }

    @Test
    void shouldReturnNullWhenThereIsNoAnswer() {
        assertNull(extractor.extract("Wait, let me verify"));
        assertNull(extractor.extract("Final Answer:   "));
    }

    @Test
    void shouldReadFboxAndTheLastOfBothKinds() {
        assertEquals("x+1", extractor.extract("\\boxed{2} no: \\fbox{x+1}"));
        assertEquals("2", extractor.extract("\\fbox{x+1} no: \\boxed{2}"));
        assertEquals("\\{1,2\\}", extractor.extract("$\\boxed{\\{1,2\\}}$"));
    }

    @Test
    void shouldReadABoxWithoutBraces() {
        assertEquals("5", extractor.extract("so the total is $\\boxed 5$."));
        assertEquals("12", extractor.extract("hence \\boxed 12."));
        assertEquals("3", extractor.extract("\\boxed {3}"));
    }

    @Test
    void shouldPreferABoxToTheAnswerPrefixLine() {
        assertEquals("9", extractor.extract("Final Answer: nine, that is \\boxed{9}"));
    }

    @Test
    void shouldReadTheSentenceAfterTheAnswerIs() {
        assertEquals("12", extractor.extract("Adding up, the answer is $12$."));
        assertEquals("3.5", extractor.extract("So the final answer is: 3.5. Done."));
        assertEquals("\\frac{1}{2}", extractor.extract("The answer is $\\frac{1}{2}$\nthanks"));
        assertEquals("7", extractor.extract("the answer is 4? No, the answer is 7"));
    }

    @Test
    void shouldFallBackToTheLastNumber() {
        assertEquals("7", extractor.extract("so 7 apples remain"));
        assertEquals("-3", extractor.extract("the change was -3 degrees"));
        assertEquals("1,234.5", extractor.extract("total 1,234.5 dollars"));
        assertEquals("0.25", extractor.extract("p = 0.25"));
        assertEquals(".5", extractor.extract("about .5"));
    }

    @Test
    void shouldNotTakeSubtractionExponentsOrSubscriptsForANumber() {
        assertEquals("3", extractor.extract("we get x-3"));
        assertEquals("12", extractor.extract("area 12 cm^2"));
        assertEquals("4", extractor.extract("4 and a_{1}"));
        assertEquals("3", extractor.extract("1, 2, 3"));
    }
}
