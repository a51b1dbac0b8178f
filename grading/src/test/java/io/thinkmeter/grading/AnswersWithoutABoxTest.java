package io.thinkmeter.grading;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Whole model outputs that state their answer without {@code \boxed}: in prose, after an answer phrase,
 * in display or inline mathematics, and outputs with a box and prose both (which one counts). Columns
 * are separated by '|' so that answers can hold commas.
 */
class AnswersWithoutABoxTest {

    private final AnswerGrader grader = SharedGrader.GRADER;

    @ParameterizedTest(name = "{0} equals {1}")
    @CsvSource(delimiter = '|', quoteCharacter = '"', textBlock = """
            The answer is \\[ 42 \\]                                              | 42
            Answer: $ 17 $                                                        | 17
            Final Answer: the smallest $k$ is 7.                                  | 7
            Hence $y \\le 3$ holds.                                               | y \\le 3
            Therefore, the value is $\\frac{3}{4}$.                               | \\frac{3}{4}
            So the probability is $\\dfrac{1}{6}$.                                | \\frac16
            The final answer is $\\sqrt{2}$. I hope it is correct.                | \\sqrt{2}
            Adding the two cases gives $12 + 15 = 27$.                            | 27
            After simplifying we obtain \\( x = -\\frac{1}{2} \\).                | -\\frac{1}{2}
            The area of the triangle is $24$ square units.                        | 24
            Thus there are 120 ways to arrange the books.                         | 120
            So the answer is: 3.5. That completes the solution.                   | \\frac{7}{2}
            Answer: the number of solutions is $4$                                | 4
            Therefore $n = 2024$ is the only such year.                           | 2024
            The final answer is 5/8                                               | \\frac{5}{8}
            We conclude that the remainder is $\\boxed{6}$, as computed above.   | 6
            Final Answer: The final answer is $(2, -1)$. I hope it is correct.    | (2,-1)
            The solutions are $x = 2$ and $x = 3$.                                | 2, 3
            So the roots are $-1$, $0$ and $1$.                                   | -1, 0, 1
            The answer is $\\$18.90$.                                             | 18.90
            Hence the minimum value is $\\frac{\\sqrt{3}}{2}$.                    | \\frac{1}{2}\\sqrt{3}
            So $f(2) = 11$.                                                       | 11
            Answer: $\\pi r^2$                                                    | \\pi r^2
            """)
    void shouldReadAnAnswerStatedWithoutABox(String output, String gold) {
        Verdict v = grader.grade(output, gold);
        assertTrue(v.equal(), () -> output + " should equal " + gold + ": answer " + v.answer() + " by "
                + v.extraction() + ", rules " + v.rules() + ", notes " + v.notes());
    }

    @ParameterizedTest(name = "{0} is not {1}")
    @CsvSource(delimiter = '|', quoteCharacter = '"', textBlock = """
            The answer is \\[ 43 \\]                                              | 42
            Answer: $ -17 $                                                       | 17
            Final Answer: the smallest $k$ is 8.                                  | 7
            Hence $y \\le 4$ holds.                                               | y \\le 3
            Therefore, the value is $\\frac{4}{3}$.                               | \\frac{3}{4}
            So the probability is $\\dfrac{1}{6}$.                                | \\frac15
            The final answer is $\\sqrt{3}$. I hope it is correct.                | \\sqrt{2}
            Adding the two cases gives $12 + 15 = 28$.                            | 27
            After simplifying we obtain \\( x = \\frac{1}{2} \\).                 | -\\frac{1}{2}
            The area is $24$, and the perimeter is $20$.                          | 24
            Thus there are 121 ways to arrange the books.                         | 120
            So the answer is: 3.5. That completes the solution.                   | \\frac{5}{2}
            Answer: the number of solutions is $4$                                | 3
            We first guessed $\\boxed{5}$, but the final answer is $6$.           | 5
            The final answer is 5/8                                               | \\frac{8}{5}
            We conclude that the remainder is $\\boxed{6}$, as computed above.   | 7
            Final Answer: The final answer is $(2, -1)$. I hope it is correct.    | (-1,2)
            The solutions are $x = 2$ and $x = 3$.                                | 2
            So the roots are $-1$, $0$ and $1$.                                   | -1, 1
            The answer is $\\$18.90$.                                             | 18.09
            Hence the minimum value is $\\frac{\\sqrt{3}}{2}$.                    | \\frac{\\sqrt{2}}{2}
            Answer: $\\pi r^2$                                                    | 2\\pi r
            Let me think about this problem step by step.                         | 42
            """)
    void shouldNotReadAWrongAnswerStatedWithoutABoxAsRight(String output, String gold) {
        Verdict v = grader.grade(output, gold);
        assertFalse(v.equal(), () -> output + " should not equal " + gold + ": answer " + v.answer() + " by " + v.extraction());
    }

    @Test
    void shouldPreferTheLaterOfABoxAndAFinalAnswerLine() {
        assertTrue(grader.equal("So \\boxed{7}.\nWait, I made an error.\nFinal Answer: 8", "8"));
        assertFalse(grader.equal("So \\boxed{7}.\nWait, I made an error.\nFinal Answer: 8", "7"));
        assertTrue(grader.equal("Final Answer: maybe 7?\nNo: carefully, $\\boxed{9}$", "9"));
    }

    @Test
    void shouldNameTheExtractionRule() {
        assertEquals("answer phrase", grader.grade("Answer: $ 17 $", "17").extraction());
        assertEquals("final-answer line", grader.grade("Final Answer: the smallest $k$ is 7.", "7").extraction());
        assertEquals("last mathematics", grader.grade("Hence $y \\le 3$ holds.", "y \\le 3").extraction());
        assertEquals("last number", grader.grade("Thus there are 120 ways.", "120").extraction());
        assertEquals("last \\boxed", grader.grade("so \\boxed{120}", "120").extraction());
        assertEquals("bare answer", grader.grade("120", "120").extraction());
    }
}
