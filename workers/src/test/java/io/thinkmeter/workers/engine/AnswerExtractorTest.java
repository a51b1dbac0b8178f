package io.thinkmeter.workers.engine;

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
}
