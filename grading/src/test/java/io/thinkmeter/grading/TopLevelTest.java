package io.thinkmeter.grading;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

import java.util.List;

class TopLevelTest {

    @Test
    void shouldSplitOnlyOutsideBrackets() {
        assertEquals(List.of("(1,2)", "(3,4]"), TopLevel.split("(1,2), (3,4]", ","));
        assertEquals(List.of("\\frac{1}{2}", "\\sqrt{x}"), TopLevel.split("\\frac{1}{2},\\sqrt{x}", ","));
        assertEquals(List.of("\\{1,2\\}"), TopLevel.split("\\{1,2\\}", ","));
        assertEquals(List.of("(-\\infty, 0)", "\\{1\\}"), TopLevel.split("(-\\infty, 0) \\cup\\{1\\}", "\\cup"));
        assertEquals(List.of("a \\cupcake b"), TopLevel.split("a \\cupcake b", "\\cup"));
    }

    @Test
    void shouldFindTheClosingBracketOfAnyKind() {
        assertEquals(4, TopLevel.closing("[0,1)", 0));
        assertEquals(4, TopLevel.closing("(a+5)(b+2)", 0), "the first group closes before the end");
        assertEquals(6, TopLevel.closing("\\{1, 2\\}", 0), "the backslash of the closing brace");
        assertEquals(-1, TopLevel.closing("(1, 2", 0));
    }
}
