package io.thinkmeter.grading;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

import java.util.List;

class AnswerSeparatorsTest {

    @Test
    void shouldSplitAtTopLevelSemicolonsOnly() {
        assertEquals(List.of("(3,4)", "(1,2)"), AnswerSeparators.semicolons("(3,4); (1,2)"));
        assertEquals(List.of("(1;2)"), AnswerSeparators.semicolons("(1;2)"));
    }

    @Test
    void shouldSplitAtTheWordsAndOr() {
        assertEquals(List.of("2", "3"), AnswerSeparators.words("2 and 3", false));
        assertEquals(List.of("x=2", "x=3"), AnswerSeparators.words("x=2 \\text{ or } x=3", false));
        assertEquals(List.of("5"), AnswerSeparators.words("and 5", true), "the and closing a comma list");
        assertEquals(List.of("", "5"), AnswerSeparators.words("and 5", false), "no list to close: the parser refuses the empty part");
        assertEquals(List.of("\\text{Alice and Bob}"), AnswerSeparators.words("\\text{Alice and Bob}", false));
        assertEquals(List.of("\\{a and b\\}"), AnswerSeparators.words("\\{a and b\\}", false));
        assertEquals(List.of("sandor"), AnswerSeparators.words("sandor", false));
    }
}
