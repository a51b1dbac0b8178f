package io.thinkmeter.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.api.Test;

class AnswerExtractorTest {

    private final AnswerExtractor extractor = new AnswerExtractor("Final Answer:");

    @Test
    void shouldTakeTheLastBoxWithNestedBraces() {
        assertEquals("\\frac{1}{2}", extractor.extract("\\boxed{3} then \\boxed{\\frac{1}{2}}"));
    }

    @Test
    void shouldSkipABoxCutOffByTheBudget() {
        assertEquals("7", extractor.extract("\\boxed{7} and \\boxed{\\frac{1}{"));
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
