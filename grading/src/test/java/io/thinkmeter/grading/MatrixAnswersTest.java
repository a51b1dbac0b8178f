package io.thinkmeter.grading;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Matrices as models write them ({@code pmatrix}, {@code bmatrix}, {@code array} inside brackets, row
 * spacing {@code \\[2pt]}, {@code \hline}) against golds as MATH500 writes them; near misses (one cell
 * changed, a transpose, a column against a row, a determinant) stay unequal. Columns are separated by '|';
 * a determinant's bars are quoted.
 */
class MatrixAnswersTest {

    private final AnswerGrader grader = SharedGrader.GRADER;

    @ParameterizedTest(name = "{0} equals {1}")
    @CsvSource(delimiter = '|', quoteCharacter = '"', textBlock = """
            # environments: pmatrix, bmatrix, matrix in brackets, array in brackets, column specs ignored
            \\begin{bmatrix} 1 & 2 \\\\ 3 & 4 \\end{bmatrix}                                | \\begin{pmatrix} 1 & 2 \\\\ 3 & 4 \\end{pmatrix}
            \\left[\\begin{array}{cc} 1 & 2 \\\\ 3 & 4 \\end{array}\\right]                  | \\begin{pmatrix} 1 & 2 \\\\ 3 & 4 \\end{pmatrix}
            \\left(\\begin{array}{cc} -1 & 0 \\\\ 0 & -1 \\end{array}\\right)                | \\begin{pmatrix} -1 & 0 \\\\ 0 & -1 \\end{pmatrix}
            "[\\begin{array}{c|c} 1 & 2 \\\\ 3 & 4 \\end{array}]"                            | \\begin{pmatrix} 1 & 2 \\\\ 3 & 4 \\end{pmatrix}
            \\left[ \\begin{array}{rr} 1 & 2 \\\\ 3 & 4 \\end{array} \\right]                | \\begin{bmatrix} 1 & 2 \\\\ 3 & 4 \\end{bmatrix}
            \\left[ \\begin{matrix} 1 & 2 \\\\ 3 & 4 \\end{matrix} \\right]                  | \\begin{pmatrix} 1 & 2 \\\\ 3 & 4 \\end{pmatrix}
            \\left( \\begin{smallmatrix} 1 & 0 \\\\ 0 & 1 \\end{smallmatrix} \\right)        | \\begin{pmatrix} 1 & 0 \\\\ 0 & 1 \\end{pmatrix}
            \\begin{pmatrix} 1 \\\\ 2 \\end{pmatrix}                                         | \\begin{bmatrix} 1 \\\\ 2 \\end{bmatrix}
            # row spacing, rules, a closing row break, no spaces
            \\begin{pmatrix} 1 & 2 \\\\[2pt] 3 & 4 \\end{pmatrix}                            | \\begin{pmatrix} 1 & 2 \\\\ 3 & 4 \\end{pmatrix}
            \\begin{bmatrix} 1 & 2 \\\\[0.5em] 3 & 4 \\\\[0.5em] \\end{bmatrix}               | \\begin{pmatrix} 1 & 2 \\\\ 3 & 4 \\end{pmatrix}
            \\left[\\begin{array}{cc} \\hline 1 & 2 \\\\ \\hline 3 & 4 \\\\ \\hline \\end{array}\\right] | \\begin{pmatrix} 1 & 2 \\\\ 3 & 4 \\end{pmatrix}
            \\begin{pmatrix} 1 & 2 \\\\ 3 & 4 \\\\ \\end{pmatrix}                            | \\begin{pmatrix} 1 & 2 \\\\ 3 & 4 \\end{pmatrix}
            \\begin{pmatrix}1&2\\\\3&4\\end{pmatrix}                                         | \\begin{pmatrix} 1 & 2 \\\\ 3 & 4 \\end{pmatrix}
            # cells compared as values
            \\begin{bmatrix} \\dfrac{1}{5} \\\\ -\\dfrac{18}{5} \\end{bmatrix}               | \\begin{pmatrix} 1/5 \\\\ -18/5 \\end{pmatrix}
            \\left[\\begin{array}{r} -\\frac{1}{3} \\\\ \\frac{2}{3} \\\\ \\frac{5}{3} \\end{array}\\right] | \\begin{pmatrix} -1/3 \\\\ 2/3 \\\\ 5/3 \\end{pmatrix}
            \\begin{pmatrix} 0.5 & 0 \\\\ 0 & 0.5 \\end{pmatrix}                             | \\begin{pmatrix} \\frac12 & 0 \\\\ 0 & \\frac12 \\end{pmatrix}
            \\begin{pmatrix} \\sqrt{8} \\\\ 2 \\end{pmatrix}                                 | \\begin{pmatrix} 2\\sqrt{2} \\\\ 2 \\end{pmatrix}
            \\begin{pmatrix} x+1 & 0 \\\\ 0 & 1 \\end{pmatrix}                               | \\begin{pmatrix} 1+x & 0 \\\\ 0 & 1 \\end{pmatrix}
            # vectors against tuples
            \\left(\\begin{array}{c} -2 \\\\ -14 \\\\ -7 \\end{array}\\right)                | \\begin{pmatrix} -2 \\\\ -14 \\\\ -7 \\end{pmatrix}
            \\left(\\begin{array}{c} -2 \\\\ -14 \\\\ -7 \\end{array}\\right)                | (-2,-14,-7)
            \\begin{pmatrix} 1 & 2 & 3 \\end{pmatrix}                                        | (1, 2, 3)
            # whole outputs
            so the answer is \\boxed{\\begin{bmatrix} 1 & 2 \\\\ 3 & 4 \\end{bmatrix}}      | \\begin{pmatrix} 1 & 2 \\\\ 3 & 4 \\end{pmatrix}
            The projection is $\\boxed{\\begin{pmatrix} 16/49 \\\\ 48/49 \\\\ 24/49 \\end{pmatrix}}$. | \\begin{pmatrix} 16/49 \\\\ 48/49 \\\\ 24/49 \\end{pmatrix}
            Hence $\\mathbf{M} = \\boxed{\\left[\\begin{array}{cc} -1 & 0 \\\\ 0 & -1 \\end{array}\\right]}$. | \\begin{pmatrix} -1 & 0 \\\\ 0 & -1 \\end{pmatrix}
            M = \\begin{pmatrix} 1 & 2 \\\\ 3 & 4 \\end{pmatrix}                             | \\begin{pmatrix} 1 & 2 \\\\ 3 & 4 \\end{pmatrix}
            """)
    void shouldBeEqual(String predicted, String gold) {
        assertTrue(grader.equal(predicted, gold), () -> predicted + " should equal " + gold);
    }

    @ParameterizedTest(name = "{0} does not equal {1}")
    @CsvSource(delimiter = '|', quoteCharacter = '"', textBlock = """
            # one cell changed, in every spelling
            \\begin{bmatrix} 1 & 2 \\\\ 3 & 5 \\end{bmatrix}                                | \\begin{pmatrix} 1 & 2 \\\\ 3 & 4 \\end{pmatrix}
            \\left[\\begin{array}{cc} 1 & 2 \\\\ 3 & -4 \\end{array}\\right]                 | \\begin{pmatrix} 1 & 2 \\\\ 3 & 4 \\end{pmatrix}
            \\begin{pmatrix} 1 & 2 \\\\[2pt] 3 & 5 \\end{pmatrix}                            | \\begin{pmatrix} 1 & 2 \\\\ 3 & 4 \\end{pmatrix}
            \\left[\\begin{array}{cc} \\hline 1 & 2 \\\\ \\hline 4 & 4 \\\\ \\hline \\end{array}\\right] | \\begin{pmatrix} 1 & 2 \\\\ 3 & 4 \\end{pmatrix}
            \\begin{pmatrix} 1/5 \\\\ 18/5 \\end{pmatrix}                                    | \\begin{pmatrix} 1/5 \\\\ -18/5 \\end{pmatrix}
            \\begin{pmatrix} 0.5 & 0 \\\\ 0 & 0.5 \\end{pmatrix}                             | \\begin{pmatrix} \\frac13 & 0 \\\\ 0 & \\frac13 \\end{pmatrix}
            \\begin{pmatrix} x & 0 \\\\ 0 & 1 \\end{pmatrix}                                 | \\begin{pmatrix} y & 0 \\\\ 0 & 1 \\end{pmatrix}
            so the answer is \\boxed{\\begin{bmatrix} 1 & 2 \\\\ 3 & 0 \\end{bmatrix}}      | \\begin{pmatrix} 1 & 2 \\\\ 3 & 4 \\end{pmatrix}
            # transposed, rows or entries swapped
            \\left[\\begin{array}{cc} 1 & 3 \\\\ 2 & 4 \\end{array}\\right]                  | \\begin{pmatrix} 1 & 2 \\\\ 3 & 4 \\end{pmatrix}
            \\begin{bmatrix} 1 & 3 \\\\ 2 & 4 \\end{bmatrix}                                | \\begin{pmatrix} 1 & 2 \\\\ 3 & 4 \\end{pmatrix}
            \\begin{pmatrix} 3 & 4 \\\\ 1 & 2 \\end{pmatrix}                                 | \\begin{pmatrix} 1 & 2 \\\\ 3 & 4 \\end{pmatrix}
            \\begin{pmatrix} 2 \\\\ 1 \\end{pmatrix}                                         | \\begin{bmatrix} 1 \\\\ 2 \\end{bmatrix}
            \\left(\\begin{array}{c} -2 \\\\ -7 \\\\ -14 \\end{array}\\right)                | (-2,-14,-7)
            # a column is not a row, shapes differ
            \\begin{pmatrix} 1 \\\\ 2 \\end{pmatrix}                                         | \\begin{bmatrix} 1 & 2 \\end{bmatrix}
            \\left(\\begin{array}{c} 1 \\\\ 2 \\end{array}\\right)                           | \\left(\\begin{array}{cc} 1 & 2 \\end{array}\\right)
            \\begin{pmatrix} 1 & 2 \\\\ 3 & 4 \\end{pmatrix}                                 | \\begin{pmatrix} 1 & 2 & 3 & 4 \\end{pmatrix}
            \\begin{pmatrix} 1 & 2 & 0 \\\\ 3 & 4 & 0 \\end{pmatrix}                         | \\begin{pmatrix} 1 & 2 \\\\ 3 & 4 \\end{pmatrix}
            \\begin{pmatrix} -18 \\\\ -49 \\end{pmatrix}                                     | \\begin{pmatrix} -18 \\\\ -49 \\\\ 96 \\end{pmatrix}
            \\begin{pmatrix} 1 & 2 \\\\ 3 & 4 \\end{pmatrix}                                 | (1, 2, 3, 4)
            \\begin{pmatrix} 1 & 2 \\\\ 3 & 4 \\end{pmatrix}                                 | 1, 2, 3, 4
            \\begin{pmatrix} 1 & 0 \\\\ 0 & 1 \\end{pmatrix}                                 | 1
            # a determinant is not a matrix
            \\begin{vmatrix} 1 & 2 \\\\ 3 & 4 \\end{vmatrix}                                 | \\begin{pmatrix} 1 & 2 \\\\ 3 & 4 \\end{pmatrix}
            "\\left|\\begin{array}{cc} 1 & 2 \\\\ 3 & 4 \\end{array}\\right|"                | \\begin{pmatrix} 1 & 2 \\\\ 3 & 4 \\end{pmatrix}
            \\begin{vmatrix} 1 & 2 \\\\ 3 & 4 \\end{vmatrix}                                 | -2
            \\begin{pmatrix} 1 & 2 \\\\ 3 & 4 \\end{pmatrix}                                 | -2
            """)
    void shouldBeUnequal(String predicted, String gold) {
        assertFalse(grader.equal(predicted, gold), () -> predicted + " must not equal " + gold);
        assertFalse(grader.equal(gold, predicted), () -> gold + " must not equal " + predicted + " (the other way round)");
    }
}
