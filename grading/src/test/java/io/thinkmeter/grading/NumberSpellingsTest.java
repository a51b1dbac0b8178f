package io.thinkmeter.grading;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Numbers written with words, spaces, exponents and repeating digits: {@code 12 pct}, {@code 2 500},
 * {@code 1e-3}, {@code 0.\overline{3}}, {@code 0.999...}. Unequal cases are near misses. Columns are
 * separated by '|'.
 */
class NumberSpellingsTest {

    private final AnswerGrader grader = SharedGrader.GRADER;

    @ParameterizedTest(name = "{0} equals {1}")
    @CsvSource(delimiter = '|', quoteCharacter = '"', textBlock = """
            12 pct                                                  | 12\\%
            12 percent                                              | 12\\%
            12%                                                     | 12\\%
            so the answer is 12 pct.                                | 12\\%
            2 500                                                   | 2500
            The total number of tiles is $\\boxed{2 500}$.         | 2500
            1 234 567                                               | 1234567
            3\\,000\\,000                                          | 3000000
            1e-3                                                    | 0.001
            1E-3                                                    | 10^{-3}
            1.5e3                                                   | 1500
            Answer: 1e-3                                            | 0.001
            3\\times 10^{4}                                        | 30000
            0.\\overline{3}                                        | \\frac{1}{3}
            0.1\\overline{6}                                       | \\frac{1}{6}
            0.\\overline{142857}                                   | \\frac{1}{7}
            1.\\overline{3}                                        | \\frac{4}{3}
            -0.\\overline{6}                                       | -\\frac{2}{3}
            0.999...                                                | 1
            0.333...                                                | \\frac13
            0.1666\\ldots                                          | \\frac16
            The answer is $\\boxed{0.999...}$.                      | 1
            Hence the answer is $\\boxed{\\frac{1}{3}}$.          | 0.\\overline{3}
            Answer: 7 apples                                        | 7
            5 dollars                                               | 5
            """)
    void shouldEqual(String predicted, String gold) {
        Verdict v = grader.grade(predicted, gold);
        assertTrue(v.equal(), () -> predicted + " should equal " + gold + ": " + v);
    }

    @ParameterizedTest(name = "{0} is not {1}")
    @CsvSource(delimiter = '|', quoteCharacter = '"', textBlock = """
            12 pct                                                  | 13\\%
            12 pct                                                  | 0.12
            2 500                                                   | 250
            2 500                                                   | 25000
            2 3                                                     | 23
            1 23                                                    | 123
            3\\,000\\,000                                          | 300000
            1e-3                                                    | 0.01
            1e-3                                                    | 1
            1.5e3                                                   | 150
            1e3                                                     | 1
            3\\times 10^{4}                                        | 3000
            0.\\overline{3}                                        | \\frac{3}{10}
            0.1\\overline{6}                                       | \\frac{1}{16}
            0.\\overline{142857}                                   | 0.142857
            0.\\overline{3}                                        | 0.3
            0.3                                                     | \\frac13
            0.33                                                    | \\frac13
            0.999                                                   | 1
            0.999...                                                | 0.999
            0.3...                                                  | \\frac13
            -0.\\overline{6}                                       | \\frac{2}{3}
            Answer: 7 apples                                        | 8
            5 dollars                                               | 5 \\text{ cents}
            The total number of tiles is $\\boxed{2 600}$.         | 2500
            """)
    void shouldNotEqual(String predicted, String gold) {
        assertFalse(grader.equal(predicted, gold), () -> predicted + " should not equal " + gold);
    }
}
