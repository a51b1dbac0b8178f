package io.thinkmeter.grading;

import io.thinkmeter.grading.Answer.Equation;
import io.thinkmeter.grading.Answer.Scalar;

import java.util.List;
import java.util.Optional;

/**
 * Two equations of expressions are the same relation when one's {@code lhs - rhs} is a nonzero constant
 * times the other's: {@code y = 2x + 3}, {@code 2x - y + 3 = 0} and {@code 4x - 2y = -6} have the same
 * solutions; {@code x = 5} and {@code y = 5} do not, nor {@code y = 2x + 3} and {@code y = 2x + 4}.
 * Decided by {@link SymbolicComparison#proportional} within the comparison's time budget.
 */
final class EquationRelation {

    private final SymbolicEngine symbolic;

    EquationRelation(SymbolicEngine symbolic) {
        this.symbolic = symbolic;
    }

    boolean same(Equation a, Equation b, Comparison c) {
        Optional<MathExpr> x = difference(a);
        Optional<MathExpr> y = difference(b);
        if (x.isEmpty() || y.isEmpty()) {
            c.note("equations not both of expressions: " + a.text() + " and " + b.text());
            return false;
        }
        Optional<String> tooLarge = MathExpr.tooLargeForSymbolic(x.get()).or(() -> MathExpr.tooLargeForSymbolic(y.get()));
        if (tooLarge.isPresent()) {
            c.note("not checked symbolically: " + tooLarge.get());
            return false;
        }
        try {
            symbolic.start();
            return symbolic.run(engine -> new SymbolicComparison(engine).proportional(x.get(), y.get()), c.remaining());
        } catch (SymbolicFailure f) {
            c.note(f.getMessage());
            return false;
        }
    }

    /** lhs - rhs, when both sides are expressions without units. */
    private static Optional<MathExpr> difference(Equation e) {
        if (e.lhs() instanceof Scalar l && e.rhs() instanceof Scalar r && l.expr() != null && r.expr() != null
                && l.unit() == null && r.unit() == null) {
            return Optional.of(new MathExpr.Sum(List.of(l.expr(), new MathExpr.Negation(r.expr()))));
        }
        return Optional.empty();
    }
}
