package io.thinkmeter.grading;

import io.thinkmeter.grading.MathExpr.Call;
import org.matheclipse.core.expression.F;
import org.matheclipse.core.expression.S;
import org.matheclipse.core.interfaces.IExpr;
import org.matheclipse.core.interfaces.ISymbol;

import java.math.BigInteger;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Builds Symja expressions from our trees with Symja's {@code F} factory, not by printing and parsing a
 * string: nothing is lost to Symja's parser, which folds case ({@code R} and {@code r} would be one
 * symbol) and reads {@code i}, {@code e}, {@code n} as its own constants and functions. Each variable
 * name maps to a fresh symbol {@code tmv0, tmv1, ...}, the same for both sides of one comparison; so
 * {@code i} and {@code e} are plain variables here (sound: an identity in a variable holds for every
 * value of it, including the imaginary unit or Euler's number).
 */
final class SymjaTranslator {

    private final Map<String, ISymbol> symbols = new HashMap<>();

    IExpr translate(MathExpr e) {
        if (e instanceof MathExpr.Num n) {
            ExactRational r = ExactRational.of(n.value());
            return r.isInteger() ? F.ZZ(r.numerator()) : F.QQ(F.ZZ(r.numerator()), F.ZZ(r.denominator()));
        } else if (e instanceof MathExpr.Var v) {
            return symbols.computeIfAbsent(v.name(), name -> F.symbol("tmv" + symbols.size()));
        } else if (e instanceof MathExpr.Pi) {
            return S.Pi;
        } else if (e instanceof MathExpr.Infinity) {
            return F.CInfinity;
        } else if (e instanceof MathExpr.Sum s) {
            return F.Plus(all(s.terms()));
        } else if (e instanceof MathExpr.Product p) {
            return F.Times(all(p.factors()));
        } else if (e instanceof MathExpr.Negation n) {
            return F.Negate(translate(n.operand()));
        } else if (e instanceof MathExpr.Quotient q) {
            return F.Divide(translate(q.numerator()), translate(q.denominator()));
        } else if (e instanceof MathExpr.Power p) {
            return F.Power(translate(p.base()), translate(p.exponent()));
        } else if (e instanceof MathExpr.Root r) {
            return root(r);
        } else if (e instanceof Call c) {
            return call(c);
        }
        throw new IllegalArgumentException("no Symja form for " + e);
    }

    /** Square roots are Sqrt; odd roots of a number are real roots (Surd), as contests mean the cube root of -8 to be -2. */
    private IExpr root(MathExpr.Root r) {
        IExpr radicand = translate(r.radicand());
        var index = MathExpr.rationalValue(r.index());
        if (index.isPresent() && index.get().isInteger() && index.get().numerator().equals(BigInteger.TWO)) {
            return F.Sqrt(radicand);
        }
        if (index.isPresent() && index.get().isInteger() && index.get().numerator().testBit(0)
                && index.get().numerator().signum() > 0) {
            return F.Surd(radicand, translate(r.index()));
        }
        return F.Power(radicand, F.Divide(F.C1, translate(r.index())));
    }

    private IExpr call(Call c) {
        List<MathExpr> a = c.args();
        IExpr x = translate(a.get(a.size() - 1));
        return switch (c.function()) {
            case SIN -> F.Sin(x);
            case COS -> F.Cos(x);
            case TAN -> F.Tan(x);
            case COT -> F.Cot(x);
            case SEC -> F.Sec(x);
            case CSC -> F.Csc(x);
            case ARCSIN -> F.ArcSin(x);
            case ARCCOS -> F.ArcCos(x);
            case ARCTAN -> F.ArcTan(x);
            case SINH -> F.Sinh(x);
            case COSH -> F.Cosh(x);
            case TANH -> F.Tanh(x);
            case LN -> F.Log(x);
            case LOG -> a.size() == 2 ? F.Log(translate(a.get(0)), x) : F.Log(x);
            case EXP -> F.Exp(x);
            case FLOOR -> F.Floor(x);
            case CEILING -> F.Ceiling(x);
            case ABS -> F.Abs(x);
            case BINOMIAL -> F.Binomial(translate(a.get(0)), x);
            case FACTORIAL -> F.Factorial(x);
        };
    }

    private IExpr[] all(List<MathExpr> parts) {
        return parts.stream().map(this::translate).toArray(IExpr[]::new);
    }
}
