package io.thinkmeter.grading;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * A parsed mathematical expression ({@link MathParser} builds it from LaTeX). Our own tree rather than
 * Symja's, so that what a LaTeX string means is decided by code we test here; {@link SymjaTranslator}
 * hands it to Symja only for the algebra.
 */
sealed interface MathExpr {

    /** A number as written; {@code decimal} when it has a decimal point (possibly an approximation). */
    record Num(BigDecimal value, boolean decimal) implements MathExpr {
    }

    /** A variable: a letter or Greek letter with its subscript, e.g. {@code x}, {@code a_1}, {@code \theta}. */
    record Var(String name) implements MathExpr {
    }

    record Pi() implements MathExpr {
    }

    record Infinity() implements MathExpr {
    }

    record Sum(List<MathExpr> terms) implements MathExpr {
    }

    record Product(List<MathExpr> factors) implements MathExpr {
    }

    record Negation(MathExpr operand) implements MathExpr {
    }

    record Quotient(MathExpr numerator, MathExpr denominator) implements MathExpr {
    }

    record Power(MathExpr base, MathExpr exponent) implements MathExpr {
    }

    /** {@code \sqrt{x}} has index 2, {@code \sqrt[3]{x}} index 3. */
    record Root(MathExpr index, MathExpr radicand) implements MathExpr {
    }

    record Call(Fn function, List<MathExpr> args) implements MathExpr {
    }

    /** The functions the parser knows; {@code LOG} takes (base, value) or just the value (natural log). */
    enum Fn { SIN, COS, TAN, COT, SEC, CSC, ARCSIN, ARCCOS, ARCTAN, SINH, COSH, TANH, LN, LOG, EXP, FLOOR, CEILING,
        ABS, BINOMIAL, FACTORIAL }

    /** The exact value when the expression is a rational number (no variables, roots or functions). */
    static Optional<ExactRational> rationalValue(MathExpr e) {
        if (e instanceof Num n) {
            return Optional.of(ExactRational.of(n.value()));
        } else if (e instanceof Negation neg) {
            return rationalValue(neg.operand()).map(ExactRational::negate);
        } else if (e instanceof Sum s) {
            Optional<ExactRational> total = Optional.of(ExactRational.ZERO);
            for (MathExpr t : s.terms()) {
                Optional<ExactRational> v = rationalValue(t);
                total = total.flatMap(acc -> v.map(acc::plus));
            }
            return total;
        } else if (e instanceof Product p) {
            Optional<ExactRational> total = Optional.of(ExactRational.ONE);
            for (MathExpr f : p.factors()) {
                Optional<ExactRational> v = rationalValue(f);
                total = total.flatMap(acc -> v.map(acc::times));
            }
            return total;
        } else if (e instanceof Quotient q) {
            return rationalValue(q.numerator()).flatMap(a -> rationalValue(q.denominator()).flatMap(a::dividedBy));
        } else if (e instanceof Power pw) {
            Optional<ExactRational> exponent = rationalValue(pw.exponent()).filter(ExactRational::isInteger);
            return exponent.flatMap(x -> rationalValue(pw.base()).flatMap(b -> b.pow(x.numerator())));
        }
        return Optional.empty();
    }

    /** True when a number in it was written with a decimal point. */
    static boolean hasDecimal(MathExpr e) {
        return e instanceof Num n ? n.decimal() : children(e).stream().anyMatch(MathExpr::hasDecimal);
    }

    static boolean hasInfinity(MathExpr e) {
        return e instanceof Infinity || children(e).stream().anyMatch(MathExpr::hasInfinity);
    }

    /** +1 for {@code \infty} (or {@code +\infty}), -1 for {@code -\infty}, 0 for anything else. */
    static int infinitySign(MathExpr e) {
        if (e instanceof Infinity) {
            return 1;
        }
        return e instanceof Negation n ? -infinitySign(n.operand()) : 0;
    }

    static Set<String> variables(MathExpr e) {
        Set<String> names = new TreeSet<>();
        collectVariables(e, names);
        return names;
    }

    private static void collectVariables(MathExpr e, Set<String> names) {
        if (e instanceof Var v) {
            names.add(v.name());
        }
        children(e).forEach(c -> collectVariables(c, names));
    }

    static List<MathExpr> children(MathExpr e) {
        if (e instanceof Sum s) {
            return s.terms();
        } else if (e instanceof Product p) {
            return p.factors();
        } else if (e instanceof Negation n) {
            return List.of(n.operand());
        } else if (e instanceof Quotient q) {
            return List.of(q.numerator(), q.denominator());
        } else if (e instanceof Power p) {
            return List.of(p.base(), p.exponent());
        } else if (e instanceof Root r) {
            return List.of(r.index(), r.radicand());
        } else if (e instanceof Call c) {
            return c.args();
        }
        return List.of();
    }

    /**
     * Why the expression is too big to hand to Symja, or empty. Symja stops at our timeout in most
     * places, but not inside some integer arithmetic (a binomial of ten million, a power tower), so
     * those are refused before they start: exponents above 100000, factorials above 10000, binomials
     * above 100000, a number over 2000 digits.
     */
    static Optional<String> tooLargeForSymbolic(MathExpr e) {
        if (e instanceof Num n && n.value().precision() > 2000) {
            return Optional.of("a number of more than 2000 digits");
        }
        if (e instanceof Power p && exceeds(p.exponent(), 100_000)) {
            return Optional.of("an exponent above 100000 or not computable");
        }
        if (e instanceof Call c && c.function() == Fn.FACTORIAL && exceeds(c.args().get(0), 10_000)) {
            return Optional.of("a factorial above 10000");
        }
        if (e instanceof Call c && c.function() == Fn.BINOMIAL && exceeds(c.args().get(0), 100_000)) {
            return Optional.of("a binomial above 100000");
        }
        for (MathExpr child : children(e)) {
            Optional<String> why = tooLargeForSymbolic(child);
            if (why.isPresent()) {
                return why;
            }
        }
        return Optional.empty();
    }

    /**
     * True when {@code e} has no variables and is either larger than {@code limit} or a number we
     * cannot compute exactly although it holds powers or factorials (a power tower): those are what
     * make exact arithmetic run away. Variables and plain irrationals ({@code \sqrt{2}}) are fine.
     */
    private static boolean exceeds(MathExpr e, long limit) {
        if (!variables(e).isEmpty()) {
            return false;
        }
        Optional<ExactRational> v = rationalValue(e);
        if (v.isEmpty()) {
            return growsFast(e);
        }
        return v.get().numerator().abs().compareTo(BigInteger.valueOf(limit).multiply(v.get().denominator())) > 0;
    }

    private static boolean growsFast(MathExpr e) {
        return e instanceof Power || (e instanceof Call c && (c.function() == Fn.FACTORIAL || c.function() == Fn.BINOMIAL))
                || children(e).stream().anyMatch(MathExpr::growsFast);
    }
}
