package io.thinkmeter.grading;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Outputs the budget cut off while the answer was being written: a truncated answer is no answer, and
 * never the digit read from inside the broken box. The same outputs whole are graded as usual.
 */
class CutOffAnswersTest {

    private final AnswerGrader grader = SharedGrader.GRADER;

    @ParameterizedTest(name = "{0} holds no answer (gold {1})")
    @CsvSource(delimiter = '|', quoteCharacter = '"', textBlock = """
            \\boxed{\\frac{1}{                                   | 1
            So the total is \\boxed{1                            | 1
            So the total is \\boxed{12                           | 12
            There are 3 apples, so the total is \\boxed{3       | 3
            \\boxed{7} and \\boxed{\\frac{1}{                   | 7
            The answer is $\\frac{1}{                            | 1
            The answer is $\\frac{1}{2                           | \\frac12
            Thus the sum is $12 +                                | 12
            so we get \\[ x = 1                                  | 1
            hence $$\\sqrt{2                                     | 2
            the answer is \\frac{3}{                             | 3
            Therefore \\boxed{\\sqrt{                            | 1
            We find $x = \\boxed{2                               | 2
            \\boxed{(1, 2)                                        | (1,2)
            The set is \\boxed{\\{1, 2\\}                        | \\{1,2\\}
            So the matrix is \\boxed{\\begin{pmatrix} 1 \\\\ 2    | 1
            The answer is \\( 5                                  | 5
            Answer: $-                                           | 0
            \\boxed{x^{2                                         | x^2
            Final answer: \\boxed{\\dfrac{9}{                    | 9
            The value is $\\boxed{1}0                            | 10
            """)
    void shouldFindNoAnswerInACutOffOutput(String output, String gold) {
        Verdict v = grader.grade(output, gold);
        assertFalse(v.equal(), () -> output + " was graded equal to " + gold + " (answer " + v.answer() + ")");
    }

    @ParameterizedTest(name = "{0} equals {1}")
    @CsvSource(delimiter = '|', quoteCharacter = '"', textBlock = """
            \\boxed{\\frac{1}{1}}                                | 1
            So the total is \\boxed{1}                           | 1
            So the total is \\boxed{12}.                         | 12
            There are 3 apples, so the total is \\boxed{3}      | 3
            \\boxed{7} and \\boxed{\\frac{1}{2}}                | 7, \\frac12
            The answer is $\\frac{1}{1}$                         | 1
            The answer is $\\frac{1}{2}$                         | \\frac12
            Thus the sum is $12 + 0$                             | 12
            so we get \\[ x = 1 \\]                              | 1
            hence $$\\sqrt{4}$$                                  | 2
            the answer is \\frac{3}{3}                           | 1
            Therefore \\boxed{\\sqrt{1}}                         | 1
            We find $x = \\boxed{2}$                             | 2
            \\boxed{(1, 2)}                                       | (1,2)
            The set is \\boxed{\\{1, 2\\}}                       | \\{1,2\\}
            The answer is \\( 5 \\)                              | 5
            \\boxed{x^{2}}                                       | x^2
            Final answer: \\boxed{\\dfrac{9}{1}}                 | 9
            So $\\boxed{7}$. Let me double check: $\\frac{1}{   | 7
            "\\boxed{\\frac{1}{ ... out of tokens.\nFinal Answer: 42" | 42
            """)
    void shouldGradeTheSameOutputsWhole(String output, String gold) {
        Verdict v = grader.grade(output.replace("\\n", "\n"), gold);
        assertTrue(v.equal(), () -> output + " should equal " + gold + ": answer " + v.answer() + " by " + v.extraction());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '"', textBlock = """
            So the total is \\boxed{1
            The answer is $\\frac{1}{
            so we get \\[ x = 1
            """)
    void shouldSayTheOutputWasCutOff(String output) {
        Verdict v = grader.grade(output, "1");
        assertNull(v.answer());
        assertEquals("cut off: no answer", v.extraction());
    }
}
