package io.thinkmeter.grading;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Inequalities and intervals: the spellings of a relation, an inequality in one variable as the interval
 * of its solutions, membership, chains and the reals. Unequal cases are near misses: a strict bound for
 * a closed one, a wrong endpoint, the other direction, another variable. Columns are separated by '|'.
 */
class InequalitiesTest {

    private final AnswerGrader grader = SharedGrader.GRADER;

    @ParameterizedTest(name = "{0} equals {1}")
    @CsvSource(delimiter = '|', quoteCharacter = '"', textBlock = """
            x \\geq 2                                         | x \\ge 2
            x >= 2                                            | x \\geq 2
            x \\geqslant 2                                    | x \\ge 2
            x \\lt 5                                          | x<5
            x \\leq 7                                         | x \\le 7
            x <= 7                                            | x \\leqslant 7
            So the solution set is \\boxed{x \\geq 2}.       | x \\ge 2
            The domain is $\\boxed{[2, \\infty)}$.           | x \\ge 2
            Therefore $\\boxed{x \\ge 2}$.                   | [2,\\infty)
            2 \\le x                                          | x \\ge 2
            5 > x                                             | x < 5
            t \\in [1,4]                                      | 1 \\le t \\le 4
            Hence \\boxed{1 \\le t \\le 4}.                  | [1,4]
            -2 < x \\le 5                                     | (-2,5]
            -1 < x < 3                                        | (-1, 3)
            3 > x > -1                                        | (-1, 3)
            a > \\frac{1}{2}                                  | a > 0.5
            x \\ge \\frac{1}{2}                              | [0.5, \\infty)
            x < \\sqrt{2}                                     | (-\\infty, \\sqrt{2})
            (-\\infty, \\infty)                              | \\mathbb{R}
            \\mathbb{R}                                       | (-\\infty,\\infty)
            x \\le -3                                         | (-\\infty, -3]
            k \\geqslant 2                                    | k \\ge 2
            (-\\infty, 1) \\cup (2, \\infty)                | x < 1 \\cup x > 2
            """)
    void shouldEqual(String predicted, String gold) {
        Verdict v = grader.grade(predicted, gold);
        assertTrue(v.equal(), () -> predicted + " should equal " + gold + ": " + v);
        assertTrue(grader.equal(gold, predicted.contains("boxed") || predicted.contains("$") ? v.answer() : predicted),
                () -> "the other way: " + gold + " and " + predicted);
    }

    @ParameterizedTest(name = "{0} is not {1}")
    @CsvSource(delimiter = '|', quoteCharacter = '"', textBlock = """
            x > 2                                             | x \\ge 2
            x > 2                                             | [2, \\infty)
            x \\ge 2                                          | (2, \\infty)
            x \\ge 3                                          | x \\ge 2
            x \\le 2                                          | x \\ge 2
            y \\ge 2                                          | x \\ge 2
            2 \\ge x                                          | x \\ge 2
            x < 5                                             | x \\le 5
            So the solution set is \\boxed{x \\geq 3}.       | x \\ge 2
            The domain is $\\boxed{(2, \\infty)}$.           | x \\ge 2
            t \\in (1,4]                                      | 1 \\le t \\le 4
            1 < t \\le 4                                      | [1,4]
            1 \\le t \\le 5                                   | [1,4]
            -2 \\le x \\le 5                                  | (-2,5]
            -1 < x < 3                                        | (-3, 1)
            a > \\frac{1}{3}                                  | a > 0.5
            x \\ge \\frac{1}{2}                              | [0.49, \\infty)
            x < \\sqrt{3}                                     | (-\\infty, \\sqrt{2})
            (0, \\infty)                                      | \\mathbb{R}
            \\mathbb{R}                                       | [0,\\infty)
            x \\le -3                                         | (-\\infty, 3]
            k \\geqslant 2                                    | k \\ge 3
            x \\ne 2                                          | x \\ne 3
            (-\\infty, 1) \\cup (2, \\infty)                | x < 1 \\cup x \\ge 2
            x \\ge 2                                          | 2
            """)
    void shouldNotEqual(String predicted, String gold) {
        assertFalse(grader.equal(predicted, gold), () -> predicted + " should not equal " + gold);
        assertFalse(grader.equal(gold, predicted), () -> "the other way: " + gold + " and " + predicted);
    }
}
