package io.thinkmeter.grading;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Several answers as models write them (a set in plain braces, {@code ;} between answers, "and" / "or",
 * sets of tuples, values with units) against golds as MATH500 and OlympiadBench write them (comma lists,
 * {@code $69$,$84$}); near misses (an element missing, extra or changed, a swapped tuple, two names)
 * stay unequal. Columns are separated by '|'.
 */
class SeveralAnswersTest {

    private final AnswerGrader grader = SharedGrader.GRADER;

    @ParameterizedTest(name = "{0} equals {1}")
    @CsvSource(delimiter = '|', quoteCharacter = '"', textBlock = """
            # a set in plain braces, in any order
            {2, 3, 5, 7, 13}                                   | \\{2,3,5,7,13\\}
            {2, 3, 5, 7, 13}                                   | 2, 3, 5, 7, 13
            {13, 7, 5, 3, 2}                                   | 2, 3, 5, 7, 13
            \\{1, 2\\}                                         | {2, 1}
            {\\frac{1}{2}, 3}                                  | \\{0.5, 3\\}
            {1 \\pm \\sqrt{5}, -2}                             | \\{1\\pm\\sqrt{5},-2\\}
            {90^\\circ, 60^\\circ}                             | $90^{\\circ}$,$60^{\\circ}$
            The solutions are $\\boxed{\\{1, 3, 5\\}}$.        | 1,3,5
            # values with units against a set without
            \\{3, 5\\}                                         | 3 \\text{ cm}, 5 \\text{ cm}
            3 \\text{ cm}, 5 \\text{ cm}                       | {5, 3}
            # sets of tuples, tuples separated by ; in any order
            \\{(1,2), (3,4)\\}                                 | (3,4), (1,2)
            (3,4); (1,2)                                       | \\{(1,2), (3,4)\\}
            \\{(3,4),(1,2)\\}                                  | (1,2), (3,4)
            (4,5,7); (1,8,19); (2,7,13)                        | $(1,8,19), (2,7,13), (4,5,7)$
            \\{(2,7,13), (4,5,7), (1,8,19)\\}                  | $(1,8,19), (2,7,13), (4,5,7)$
            # ; between answers
            2; 3                                               | 2, 3
            -2; 0; 2                                           | $-2,0,2$
            x=1; y=2                                           | y=2, x=1
            # and / or between answers
            2 and 3                                            | 2, 3
            69 \\text{ and } 84                                | $69$,$84$
            \\frac{32}{9} \\text{ and } \\frac{1}{2}           | $\\frac{32}{9}$,$\\frac{1}{2}$
            2, 3, and 5                                        | 2,3,5
            x=2 \\text{ or } x=3                               | 2, 3
            x = 3 or x = 2                                     | 2, 3
            a=2 \\text{ or } a=-6-4\\sqrt{2}                   | $a=2$, $a=-6-4 \\sqrt{2}$
            so $x = \\boxed{2 \\text{ or } 3}$                 | 2, 3
            """)
    void shouldBeEqual(String predicted, String gold) {
        assertTrue(grader.equal(predicted, gold), () -> predicted + " should equal " + gold);
    }

    @ParameterizedTest(name = "{0} does not equal {1}")
    @CsvSource(delimiter = '|', quoteCharacter = '"', textBlock = """
            # an element missing, extra or changed
            {2, 3, 5, 7}                                       | \\{2,3,5,7,13\\}
            {2, 3, 5, 7, 11, 13}                               | 2, 3, 5, 7, 13
            {2, 3, 5, 7, 12}                                   | 2,3,5,7,13
            The solutions are $\\boxed{\\{1, 3\\}}$.           | 1,3,5
            {90^\\circ, 60^\\circ}                             | $90^{\\circ}$,$30^{\\circ}$
            \\{3, 6\\}                                         | 3 \\text{ cm}, 5 \\text{ cm}
            \\{3 \\text{ m}, 5 \\text{ m}\\}                   | 3 \\text{ cm}, 5 \\text{ cm}
            # a set is not a tuple nor an interval
            {2, 3}                                             | (2, 3)
            {2, 3}                                             | [2, 3]
            # tuples swapped, missing, changed
            (1,2),(3,4)                                        | (2,1),(4,3)
            (2,1); (4,3)                                       | \\{(1,2),(3,4)\\}
            \\{(1,2)\\}                                        | (1,2), (3,4)
            \\{(1,2), (3,4)\\}                                 | \\{(1,2), (4,3)\\}
            (3,4); (1,2)                                       | (3,4), (1,2), (5,6)
            (1,8,19); (2,7,13); (4,5,8)                        | $(1,8,19), (2,7,13), (4,5,7)$
            # ; between answers
            2; 3                                               | 2, 4
            2; 3                                               | (2, 3)
            -2; 0                                              | $-2,0,2$
            a=1, b=2; a=3, b=4                                 | a=1, b=4; a=3, b=2
            (1;2)                                              | (1,2)
            # and / or between answers
            2 and 3                                            | 2, 3, 5
            2 \\text{ and } 3                                  | 2
            69 \\text{ and } 48                                | $69$,$84$
            \\frac{32}{9} \\text{ and } \\frac{1}{3}           | $\\frac{32}{9}$,$\\frac{1}{2}$
            x=2 \\text{ or } x=3                               | 2, 4
            x=2 \\text{ or } y=3                               | 2, 3
            x=2, y=3                                           | 3, 2
            """)
    void shouldBeUnequal(String predicted, String gold) {
        assertFalse(grader.equal(predicted, gold), () -> predicted + " must not equal " + gold);
        assertFalse(grader.equal(gold, predicted), () -> gold + " must not equal " + predicted + " (the other way round)");
    }
}
