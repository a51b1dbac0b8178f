package io.thinkmeter.grading;

import java.util.List;

/**
 * An answer's structure, as {@link AnswerParser} reads it; {@link AnswerMatcher} compares two of them.
 * Every kind keeps its normalised text for messages and for text comparison.
 */
sealed interface Answer {

    String text();

    /**
     * One value: {@code expr} is its parsed expression, null when it is not one the parser reads
     * ({@code k \geqslant 2}), and {@code notMath} then says why; such a value can only match an
     * identical text. {@code unit} is its canonical unit or null.
     */
    record Scalar(String text, String unit, MathExpr expr, String notMath) implements Answer {
    }

    /**
     * A word answer ({@code \text{Evelyn}}, {@code east}): lower-cased here, so compared case-insensitively,
     * except two bare letters ({@code AB}), whose case is kept.
     */
    record Word(String text) implements Answer {
    }

    /** {@code (a, b)}, {@code [0, 1)}: ordered, and the brackets count ({@code [0,1)} is not {@code (0,1)}). */
    record Tuple(char open, char close, List<Answer> items, String text) implements Answer {
    }

    /** {@code \{a, b\}}: order and repetition do not count. */
    record SetOf(List<Answer> items, String text) implements Answer {
    }

    /** Several answers separated by commas ({@code 3, 5, 7}): order does not count, repetition does. */
    record ListOf(List<Answer> items, String text) implements Answer {
    }

    /** {@code A \cup B}: the pieces in any order. */
    record Union(List<Answer> pieces, String text) implements Answer {
    }

    /** {@code \begin{pmatrix} a & b \\ c & d \end{pmatrix}}: rows of cells. */
    record Matrix(List<List<Answer>> rows, String text) implements Answer {
    }

    /** {@code x \ge 2}: the interval of its solutions in its one {@code variable}. */
    record Inequality(String variable, Tuple interval, String text) implements Answer {
    }

    /** {@code lhs = rhs}; {@link #names} is the left side's variable names when it is only names. */
    record Equation(Answer lhs, Answer rhs, List<String> names, String text) implements Answer {
    }
}
