package io.thinkmeter.grading;

import io.thinkmeter.grading.Answer.Scalar;

import java.util.Optional;

/**
 * Compares two values, the rules in this order, the first that decides wins:
 * <ol>
 *   <li>units must agree when both have one ({@link Units});</li>
 *   <li>the same text (whitespace aside, {@link Texts#canonical}) is equal;</li>
 *   <li>base subscripts ({@link BaseNumeral});</li>
 *   <li>a value that is not an expression ({@code k \geqslant 2}) equals nothing but its own text;</li>
 *   <li>infinities: {@code \infty} equals {@code +\infty} and nothing else, {@code -\infty} likewise;</li>
 *   <li>two rational numbers (integers, decimals, fractions of them): exactly, or within the
 *       {@link Tolerance}, in Java without Symja ({@code 0.5} is {@code \frac{1}{2}}, {@code 025} is
 *       {@code 25}, {@code 27.0} is {@code 27});</li>
 *   <li>anything else (roots, {@code \pi}, variables, functions) by {@link SymbolicComparison}, within
 *       the comparison's time budget; out of time, or refused as too large
 *       ({@link MathExpr#tooLargeForSymbolic}), is unequal.</li>
 * </ol>
 */
final class ScalarComparator {

    private final SymbolicEngine symbolic;

    ScalarComparator(SymbolicEngine symbolic) {
        this.symbolic = symbolic;
    }

    boolean equal(Scalar a, Scalar b, Comparison c) {
        if (!Units.compatible(a.unit(), b.unit())) {
            c.note("units differ: " + a.unit() + " and " + b.unit());
            return c.decided(Rule.UNITS, false);
        }
        if (c.textShortcuts() && Texts.canonical(a.text()).equals(Texts.canonical(b.text()))) {
            return c.decided(Rule.SAME_TEXT, true);
        }
        Optional<Boolean> based = BaseNumeral.compare(a.text(), b.text());
        if (based.isPresent()) {
            return c.decided(Rule.BASE_NUMERAL, based.get());
        }
        if (a.expr() == null || b.expr() == null) {
            boolean same = Texts.canonical(a.text()).equals(Texts.canonical(b.text()));
            if (!same) {
                c.note("compared as text: " + (a.expr() == null ? a.notMath() : b.notMath()));
            }
            return c.decided(Rule.TEXT, same);
        }
        if (MathExpr.hasInfinity(a.expr()) || MathExpr.hasInfinity(b.expr())) {
            int sign = MathExpr.infinitySign(a.expr());
            return c.decided(Rule.INFINITY, sign != 0 && sign == MathExpr.infinitySign(b.expr()));
        }
        Optional<ExactRational> x = MathExpr.rationalValue(a.expr());
        Optional<ExactRational> y = MathExpr.rationalValue(b.expr());
        if (x.isPresent() && y.isPresent()) {
            return rationals(x.get(), y.get(), MathExpr.hasDecimal(a.expr()) || MathExpr.hasDecimal(b.expr()), c);
        }
        return symbolically(a.expr(), b.expr(), c);
    }

    private static boolean rationals(ExactRational x, ExactRational y, boolean decimalWritten, Comparison c) {
        if (x.equals(y)) {
            return c.decided(Rule.EXACT_NUMBERS, true);
        }
        if (Tolerance.applies(decimalWritten, x.terminates() && y.terminates())) {
            return c.decided(Rule.TOLERANCE, Tolerance.within(x.toDouble(), y.toDouble()));
        }
        return c.decided(Rule.EXACT_NUMBERS, false);
    }

    private boolean symbolically(MathExpr a, MathExpr b, Comparison c) {
        Optional<String> tooLarge = MathExpr.tooLargeForSymbolic(a).or(() -> MathExpr.tooLargeForSymbolic(b));
        if (tooLarge.isPresent()) {
            c.note("not checked symbolically: " + tooLarge.get());
            return c.decided(Rule.SYMBOLIC, false);
        }
        try {
            symbolic.start();
            SymbolicComparison.Result r = symbolic.run(engine -> new SymbolicComparison(engine).compare(a, b), c.remaining());
            return c.decided(Rule.SYMBOLIC, r.equal());
        } catch (SymbolicFailure f) {
            c.note(f.getMessage());
            return c.decided(Rule.SYMBOLIC, false);
        }
    }
}
