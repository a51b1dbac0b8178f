package io.thinkmeter.grading;

/**
 * The comparison rules a {@link Verdict} names as having decided a pair ({@code grade --explain}, and
 * the counts in {@code eval}'s report). Each rule's behaviour lives in the class named in its comment;
 * grading/README.md lists them with examples. The extraction rules are the engine's
 * {@link io.thinkmeter.engine.AnswerExtractor.Rule}.
 */
public enum Rule {
    /** The same text after normalisation ({@link Texts}). */
    SAME_TEXT("same text"),
    /** Units present on both sides must agree ({@link Units}). */
    UNITS("units"),
    /** A numeral with a base subscript ({@link BaseNumeral}). */
    BASE_NUMERAL("base subscripts"),
    /** A value that is not mathematics equals only its own text ({@link Texts}). */
    TEXT("text only"),
    /** {@code \infty} against {@code +\infty} ({@link ScalarComparator}). */
    INFINITY("infinities"),
    /** Integers, decimals and fractions as exact fractions ({@link ExactRational}). */
    EXACT_NUMBERS("exact numbers"),
    /** A written decimal approximating a value it cannot state exactly ({@link Tolerance}). */
    TOLERANCE("tolerance"),
    /** Symja: a - b is 0 ({@link SymbolicComparison}). */
    SYMBOLIC("symbolic"),
    /** Words, case aside ({@link AnswerMatcher}). */
    WORDS("words"),
    /** Tuples and intervals, element by element ({@link AnswerMatcher}). */
    TUPLES_AND_INTERVALS("tuples and intervals"),
    /** Matrices cell by cell, a vector against a tuple ({@link AnswerMatcher}). */
    MATRICES("matrices"),
    /** Sets in any order, repetition ignored ({@link AnswerMatcher}). */
    SETS("sets"),
    /** Several answers, one to one in any order ({@link AnswerMatcher}). */
    SEVERAL_ANSWERS("several answers"),
    /** Unions of intervals, piece by piece ({@link AnswerMatcher}). */
    UNIONS("unions"),
    /** Inequalities in one variable as intervals ({@link Inequalities}). */
    INEQUALITIES("inequalities"),
    /** Equations: names dropped, named values, the same relation ({@link AnswerMatcher}, {@link EquationRelation}). */
    EQUATIONS("equations"),
    /** Two answers of different shapes are unequal ({@link AnswerMatcher}). */
    DIFFERENT_SHAPES("different shapes");

    private final String label;

    Rule(String label) {
        this.label = label;
    }

    /** The name {@code grade --explain} and {@code eval} print. */
    public String label() {
        return label;
    }
}
