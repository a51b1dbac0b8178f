package io.thinkmeter.grading;

import org.matheclipse.core.eval.EvalEngine;
import org.matheclipse.core.expression.F;
import org.matheclipse.core.interfaces.IExpr;
import org.matheclipse.core.interfaces.IRational;
import org.matheclipse.parser.client.math.MathException;


import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Decides on the Symja thread whether two expressions are equal; one instance per comparison.
 * Equal when the difference a - b is 0 after evaluation, {@code Together}, {@code Simplify} (of a - b,
 * of b - a, of its {@code Together}), {@code Simplify} of {@code FunctionExpand} (binomials and factorials as Gamma), or {@code FullSimplify} (nested radicals:
 * {@code \sqrt{3+2\sqrt2}} is {@code 1+\sqrt2}). Symja's simplifier does not assume variables positive
 * ({@code \sqrt{x^2}} is not {@code x}), so an identity it finds holds.
 *
 * Before simplifying, the numbers decide what they can, which also saves the simplifier's time (most
 * wrong answers stop here):
 * <ul>
 *   <li>Without variables, both sides are evaluated to 30 digits. When the {@link Tolerance} applies (a
 *       decimal was written and the exact values do not both terminate), a relative difference of at
 *       most 1e-6 is equal and a larger one unequal. Otherwise a relative difference above 1e-8
 *       proves the two unequal.</li>
 *   <li>With variables, every variable is set to the same sample value on both sides
 *       ({@value #SAMPLE_POINTS} sample points, machine precision): a relative difference above 1e-8 where both sides are
 *       real proves the two unequal as functions. A point where either side is undefined or complex
 *       proves nothing. Decimals in expressions with variables are exact ({@code 0.5x} is {@code x/2}).</li>
 * </ul>
 */
final class SymbolicComparison {

    static final int SAMPLE_POINTS = 2;
    private static final double REFUTED = 1e-8;
    /** Sample values: small, irregular, positive (roots and logarithms stay real) and distinct per variable. */
    private static final long[][] SAMPLES = {{5377, 18339, 22588, 8622, 31188, 13077, 4336, 3426},
            {7254, 6305, 7147, 2050, 1249, 14897, 14090, 14172}};

    private final EvalEngine engine;
    private final SymjaTranslator translator = new SymjaTranslator();

    SymbolicComparison(EvalEngine engine) {
        this.engine = engine;
    }

    /** The verdict and how it was reached. */
    record Result(boolean equal, String how) {
    }

    Result compare(MathExpr a, MathExpr b) {
        IExpr left = translator.translate(a);
        IExpr right = translator.translate(b);
        IExpr difference = engine.evaluate(F.Subtract(left, right));
        if (difference.isZero()) {
            return new Result(true, "the difference evaluates to 0");
        }
        List<IExpr> variables = symbolsOf(a, b);
        if (variables.isEmpty()) {
            double relative = relativeDifference(left, right, true);
            if (Double.isFinite(relative) && toleranceApplies(a, b, left, right)) {
                return new Result(Tolerance.withinRelative(relative), "relative difference " + relative + " (tolerance 1e-6)");
            }
            if (Double.isFinite(relative) && relative > REFUTED) {
                return new Result(false, "differs numerically (relative " + relative + ")");
            }
        } else {
            Optional<Double> refutation = refute(left, right, variables);
            if (refutation.isPresent()) {
                return new Result(false, "differs numerically at a sample point (relative " + refutation.get() + ")");
            }
        }
        // Symja's simplifier depends on the order of the terms, so the difference is tried both ways
        IExpr reversed = engine.evaluate(F.Subtract(right, left));
        for (IExpr attempt : List.of(F.Together(difference), F.Simplify(difference), F.Simplify(reversed),
                F.Simplify(F.Together(difference)), F.Simplify(F.FunctionExpand(difference)), F.FullSimplify(difference))) {
            if (engine.evaluate(attempt).isZero()) {
                return new Result(true, attempt.head() + " of the difference is 0");
            }
        }
        return new Result(false, "the difference does not simplify to 0");
    }

    /**
     * True when {@code a / b} simplifies to a nonzero constant (free of variables, finite): then
     * {@code a = 0} and {@code b = 0} are the same equation.
     */
    boolean proportional(MathExpr a, MathExpr b) {
        IExpr x = translator.translate(a);
        IExpr y = translator.translate(b);
        if (engine.evaluate(F.Simplify(y)).isZero()) {
            return engine.evaluate(F.Simplify(x)).isZero();
        }
        IExpr ratio = engine.evaluate(F.Simplify(F.Together(F.Divide(x, y))));
        return ratio.isNumericFunction(true) && !ratio.isZero() && !ratio.isIndeterminate()
                && !ratio.isDirectedInfinity() && !ratio.isComplexInfinity();
    }

    private List<IExpr> symbolsOf(MathExpr a, MathExpr b) {
        Set<String> names = MathExpr.variables(a);
        names.addAll(MathExpr.variables(b));
        List<IExpr> symbols = new ArrayList<>();
        for (String name : names) {
            symbols.add(translator.translate(new MathExpr.Var(name)));
        }
        return symbols;
    }

    /** A relative difference above 1e-8 at a sample point where both sides are real, if any. */
    private Optional<Double> refute(IExpr left, IExpr right, List<IExpr> variables) {
        if (variables.size() > SAMPLES[0].length) {
            return Optional.empty();
        }
        for (int p = 0; p < SAMPLE_POINTS; p++) {
            List<IExpr> rules = new ArrayList<>();
            for (int v = 0; v < variables.size(); v++) {
                // a machine number, not the exact fraction: Symja evaluates 2^(5377/10000) through a
                // 5378-bit power, and 30-digit sample numbers make evaluation take seconds
                rules.add(F.Rule(variables.get(v), F.num(SAMPLES[p][v] / 10_000.0)));
            }
            IExpr substitution = F.List(rules.toArray(IExpr[]::new));
            double relative = relativeDifference(F.ReplaceAll(left, substitution), F.ReplaceAll(right, substitution), false);
            if (Double.isFinite(relative) && relative > REFUTED) {
                return Optional.of(relative);
            }
        }
        return Optional.empty();
    }

    /**
     * |a-b| / max(|a|,|b|), at 30 digits or in machine precision; NaN when either side has no real value
     * (undefined, complex, or beyond Symja's number limits): such a point decides nothing, the simplifier
     * does.
     */
    private double relativeDifference(IExpr a, IExpr b, boolean thirtyDigits) {
        try {
            IExpr x = engine.evaluate(thirtyDigits ? F.N(a, F.ZZ(30)) : F.N(a));
            IExpr y = engine.evaluate(thirtyDigits ? F.N(b, F.ZZ(30)) : F.N(b));
            if (!x.isReal() || !y.isReal()) {
                return Double.NaN;
            }
            IExpr ratio = engine.evaluate(F.N(F.Divide(F.Abs(F.Subtract(x, y)), F.Max(F.Abs(x), F.Abs(y)))));
            return ratio.isReal() ? ratio.evalDouble() : Double.NaN;
        } catch (MathException noValue) {
            return Double.NaN;
        }
    }

    private boolean toleranceApplies(MathExpr a, MathExpr b, IExpr left, IExpr right) {
        boolean decimal = MathExpr.hasDecimal(a) || MathExpr.hasDecimal(b);
        return Tolerance.applies(decimal, terminates(left) && terminates(right));
    }

    private boolean terminates(IExpr e) {
        IExpr value = engine.evaluate(e);
        return value.isRational()
                && new ExactRational(((IRational) value).toBigNumerator(), ((IRational) value).toBigDenominator()).terminates();
    }
}
