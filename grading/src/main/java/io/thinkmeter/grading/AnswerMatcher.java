package io.thinkmeter.grading;

import io.thinkmeter.grading.Answer.Equation;
import io.thinkmeter.grading.Answer.ListOf;
import io.thinkmeter.grading.Answer.Matrix;
import io.thinkmeter.grading.Answer.Scalar;
import io.thinkmeter.grading.Answer.SetOf;
import io.thinkmeter.grading.Answer.Tuple;
import io.thinkmeter.grading.Answer.Union;
import io.thinkmeter.grading.Answer.Word;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Compares two answers' structures; values go to {@link ScalarComparator}. The rules:
 * <ul>
 *   <li>Equation against a non-equation: {@code x = 5} equals {@code 5}, {@code f(x) = x+1} equals
 *       {@code x+1}, {@code (x, y) = (5, 3)} equals {@code (5, 3)}, when the left side is only names;
 *       {@code 12 + 15 = 27} equals {@code 27} and {@code f(2) = 11} equals {@code 11} (a value stated
 *       with what it is: the left side has no variables); {@code 5x - 7y + 4 = 0} equals no non-equation.</li>
 *   <li>Equation against equation: the same left side (names, or else text) and equal right sides; or, as equations
 *       of expressions, the same relation ({@link EquationRelation}: {@code y = 2x+3} equals
 *       {@code 2x - y + 3 = 0}).</li>
 *   <li>Named values against a named tuple: {@code x=5, y=3} equals {@code (x,y) = (5,3)} and
 *       {@code y=3, x=5}; it does not equal a bare {@code (5, 3)}: which value is x is not written there.</li>
 *   <li>An inequality in one variable is its interval ({@link Inequalities}): against another, the same
 *       variable and the same interval; against an interval, the interval ({@code x \ge 2} equals
 *       {@code [2, \infty)}).</li>
 *   <li>Words only equal words, case aside.</li>
 *   <li>Tuples and intervals: the same brackets, the same length, equal element by element.</li>
 *   <li>Matrices: the same shape, equal cell by cell; a one-column or one-row matrix also equals the
 *       parenthesised tuple of its cells (a vector).</li>
 *   <li>Sets: every element of each equals some element of the other, in any order; a comma list
 *       against a set, likewise ({@code 1, 2} equals {@code \{2, 1\}}).</li>
 *   <li>Comma lists and unions: the same number of items, paired one to one in any order; values of
 *       several names ({@code x=2, y=3}) do not pair with unnamed values.</li>
 *   <li>Different shapes are unequal: {@code 1, 2} is not {@code (1, 2)}, {@code 5} is not {@code 5, 5}.</li>
 * </ul>
 */
final class AnswerMatcher {

    private static final Pattern FUNCTION_AT_A_POINT =
            Pattern.compile("[A-Za-z](?:_\\{?\\w+}?)?'*\\(-?[\\d.]+(?:,-?[\\d.]+)*\\)");

    private final ScalarComparator scalars;
    private final EquationRelation relations;

    AnswerMatcher(ScalarComparator scalars, EquationRelation relations) {
        this.scalars = scalars;
        this.relations = relations;
    }

    boolean equal(Answer a, Answer b, Comparison c) {
        if (a instanceof Equation ea && b instanceof Equation eb) {
            return c.decided(Rule.EQUATIONS, equations(ea, eb, c));
        }
        if (a instanceof Equation ea) {
            return c.decided(Rule.EQUATIONS, equationAgainstOther(ea, b, c));
        }
        if (b instanceof Equation eb) {
            return c.decided(Rule.EQUATIONS, equationAgainstOther(eb, a, c));
        }
        if (a instanceof Answer.Inequality ia && b instanceof Answer.Inequality ib) {
            return c.decided(Rule.INEQUALITIES, ia.variable().equals(ib.variable()) && equal(ia.interval(), ib.interval(), c));
        }
        if (a instanceof Answer.Inequality ia) {
            return c.decided(Rule.INEQUALITIES, equal(ia.interval(), b, c));
        }
        if (b instanceof Answer.Inequality ib) {
            return c.decided(Rule.INEQUALITIES, equal(a, ib.interval(), c));
        }
        if (a instanceof Word || b instanceof Word) {
            return c.decided(Rule.WORDS, a instanceof Word && b instanceof Word && a.text().equals(b.text()));
        }
        if (a instanceof Scalar sa && b instanceof Scalar sb) {
            return scalars.equal(sa, sb, c);
        }
        if (a instanceof Tuple ta && b instanceof Tuple tb) {
            return c.decided(Rule.TUPLES_AND_INTERVALS,
                    ta.open() == tb.open() && ta.close() == tb.close() && inOrder(ta.items(), tb.items(), c));
        }
        if (a instanceof Matrix ma && b instanceof Matrix mb) {
            return c.decided(Rule.MATRICES, sameShape(ma, mb) && inOrder(cells(ma), cells(mb), c));
        }
        if (a instanceof Matrix m && b instanceof Tuple t) {
            return c.decided(Rule.MATRICES, isVector(m, t) && inOrder(cells(m), t.items(), c));
        }
        if (a instanceof Tuple t && b instanceof Matrix m) {
            return c.decided(Rule.MATRICES, isVector(m, t) && inOrder(t.items(), cells(m), c));
        }
        if ((a instanceof SetOf || a instanceof ListOf) && (b instanceof SetOf || b instanceof ListOf)
                && (namesAgainstUnnamed(items(a), items(b)) || namesAgainstUnnamed(items(b), items(a)))) {
            c.note("values of several names against unnamed values: " + a.text() + " and " + b.text());
            return c.decided(Rule.SEVERAL_ANSWERS, false);
        }
        if ((a instanceof SetOf || a instanceof ListOf) && (b instanceof SetOf || b instanceof ListOf)
                && (a instanceof SetOf || b instanceof SetOf)) {
            return c.decided(Rule.SETS, sameSet(items(a), items(b), c));
        }
        if (a instanceof ListOf la && b instanceof ListOf lb) {
            return c.decided(Rule.SEVERAL_ANSWERS, paired(la.items(), lb.items(), c));
        }
        if (a instanceof Union ua && b instanceof Union ub) {
            return c.decided(Rule.UNIONS, paired(ua.pieces(), ub.pieces(), c));
        }
        c.note("different shapes: " + kind(a) + " and " + kind(b));
        return c.decided(Rule.DIFFERENT_SHAPES, false);
    }

    private boolean equations(Equation a, Equation b, Comparison c) {
        boolean sameLeft = !a.names().isEmpty() ? a.names().equals(b.names())
                : Texts.canonical(a.lhs().text()).equals(Texts.canonical(b.lhs().text()));
        if (sameLeft && equal(a.rhs(), b.rhs(), c)) {
            return true;
        }
        List<Answer> named = assignments(a);
        List<Answer> otherNamed = assignments(b);
        if (named.size() > 1 || otherNamed.size() > 1) {
            return paired(named, otherNamed, c); // (x,y) = (5,3) against (y,x) = (3,5)
        }
        return relations.same(a, b, c);
    }

    /** An equation against anything else: only a left side of names can be dropped. */
    private boolean equationAgainstOther(Equation e, Answer other, Comparison c) {
        List<Answer> named = assignments(e);
        if (named.size() > 1 && other instanceof ListOf list && list.items().stream().allMatch(AnswerMatcher::isAssignment)) {
            return paired(named, list.items(), c);
        }
        if (e.names().isEmpty() && isConstant(e.lhs())) {
            return equal(e.rhs(), other, c); // a computation ending in its value: 12 + 15 = 27
        }
        if (e.names().isEmpty()) {
            c.note("an equation of expressions against a non-equation: " + e.text());
            return false;
        }
        return equal(e.rhs(), other, c);
    }

    /** A value without variables ({@code 12 + 15}), or a function's value at a point ({@code f(2)}, {@code g(1, -3)}). */
    private static boolean isConstant(Answer a) {
        return a instanceof Scalar s && (s.expr() != null && MathExpr.variables(s.expr()).isEmpty()
                || FUNCTION_AT_A_POINT.matcher(Texts.canonical(s.text())).matches());
    }

    /**
     * {@code x=2, y=3} against {@code 3, 2}: dropping the names is sound for the values of one name
     * ({@code x=2, x=3} is {@code 2, 3}), not of several, where the unnamed side does not say which is x.
     */
    private static boolean namesAgainstUnnamed(List<Answer> named, List<Answer> other) {
        long names = named.stream().filter(AnswerMatcher::isAssignment).map(a -> ((Equation) a).names()).distinct().count();
        return names > 1 && other.stream().anyMatch(a -> !(a instanceof Equation));
    }

    private static boolean isAssignment(Answer a) {
        return a instanceof Equation e && e.names().size() == 1;
    }

    /** {@code (x,y) = (5,3)} as {@code x=5, y=3}; other equations as themselves. */
    private static List<Answer> assignments(Equation e) {
        if (e.names().size() > 1 && e.rhs() instanceof Tuple t && t.items().size() == e.names().size()) {
            List<Answer> out = new ArrayList<>();
            for (int i = 0; i < t.items().size(); i++) {
                String name = e.names().get(i);
                Answer lhs = AnswerParser.leaf(name);
                out.add(new Equation(lhs, t.items().get(i), List.of(name), name + "=" + t.items().get(i).text()));
            }
            return out;
        }
        return List.of(e);
    }

    /** Element by element, in order, same length. */
    private boolean inOrder(List<Answer> a, List<Answer> b, Comparison c) {
        if (a.size() != b.size()) {
            return false;
        }
        for (int i = 0; i < a.size(); i++) {
            if (!equal(a.get(i), b.get(i), c)) {
                return false;
            }
        }
        return true;
    }

    /** As sets: each element of either equals some element of the other. */
    private boolean sameSet(List<Answer> a, List<Answer> b, Comparison c) {
        Pairs pairs = new Pairs(a, b, c);
        for (int i = 0; i < a.size(); i++) {
            if (!pairs.anyForLeft(i)) {
                return false;
            }
        }
        for (int j = 0; j < b.size(); j++) {
            if (!pairs.anyForRight(j)) {
                return false;
            }
        }
        return true;
    }

    /** One-to-one in any order (a perfect matching, found by augmenting paths), same length. */
    private boolean paired(List<Answer> a, List<Answer> b, Comparison c) {
        if (a.size() != b.size()) {
            return false;
        }
        Pairs pairs = new Pairs(a, b, c);
        int[] matchOfRight = new int[b.size()];
        Arrays.fill(matchOfRight, -1);
        for (int i = 0; i < a.size(); i++) {
            if (!augment(i, pairs, matchOfRight, new boolean[b.size()])) {
                return false;
            }
        }
        return true;
    }

    private static boolean augment(int left, Pairs pairs, int[] matchOfRight, boolean[] seen) {
        for (int j = 0; j < matchOfRight.length; j++) {
            if (!seen[j] && pairs.equal(left, j)) {
                seen[j] = true;
                if (matchOfRight[j] < 0 || augment(matchOfRight[j], pairs, matchOfRight, seen)) {
                    matchOfRight[j] = left;
                    return true;
                }
            }
        }
        return false;
    }

    /** Pairwise equality, each pair computed at most once and only when asked. */
    private final class Pairs {
        private final List<Answer> a;
        private final List<Answer> b;
        private final Comparison c;
        private final Boolean[][] known;

        Pairs(List<Answer> a, List<Answer> b, Comparison c) {
            this.a = a;
            this.b = b;
            this.c = c;
            this.known = new Boolean[a.size()][b.size()];
        }

        boolean equal(int i, int j) {
            if (known[i][j] == null) {
                known[i][j] = AnswerMatcher.this.equal(a.get(i), b.get(j), c);
            }
            return known[i][j];
        }

        boolean anyForLeft(int i) {
            for (int j = 0; j < b.size(); j++) {
                if (equal(i, j)) {
                    return true;
                }
            }
            return false;
        }

        boolean anyForRight(int j) {
            for (int i = 0; i < a.size(); i++) {
                if (equal(i, j)) {
                    return true;
                }
            }
            return false;
        }
    }

    private static List<Answer> items(Answer a) {
        return a instanceof SetOf s ? s.items() : ((ListOf) a).items();
    }

    private static boolean sameShape(Matrix a, Matrix b) {
        if (a.rows().size() != b.rows().size()) {
            return false;
        }
        for (int r = 0; r < a.rows().size(); r++) {
            if (a.rows().get(r).size() != b.rows().get(r).size()) {
                return false;
            }
        }
        return true;
    }

    private static boolean isVector(Matrix m, Tuple t) {
        boolean column = m.rows().stream().allMatch(row -> row.size() == 1);
        boolean row = m.rows().size() == 1;
        return (column || row) && t.open() == '(' && t.close() == ')';
    }

    private static List<Answer> cells(Matrix m) {
        return m.rows().stream().flatMap(List::stream).toList();
    }

    private static String kind(Answer a) {
        return a.getClass().getSimpleName() + " '" + a.text() + "'";
    }
}
