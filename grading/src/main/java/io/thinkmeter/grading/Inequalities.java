package io.thinkmeter.grading;

import io.thinkmeter.grading.Answer.Tuple;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * An inequality in one variable is the interval of its solutions: {@code x \ge 2} is {@code [2, \infty)},
 * {@code 2 \le x} likewise, {@code 1 \le t \le 4} is {@code [1, 4]}, {@code -1 < x < 3} is {@code (-1, 3)}.
 * Read after {@link LatexNormalizer#relations} gave each relation one spelling. Anything else (two
 * variables, {@code x \ne 2}, {@code |x| < 3}, a chain whose directions differ) is not read here and
 * stays text. Strictness is the bracket, so {@code x > 2} is not {@code [2, \infty)}.
 */
final class Inequalities {

    private static final Pattern NAME = Pattern.compile("[A-Za-z](?:_(?:\\{[^{}]*}|[A-Za-z0-9]))?'*");

    private Inequalities() {
    }

    /** One relation at the top level: its operator and where it sits. */
    private record Relation(int at, int length, boolean less, boolean strict) {
    }

    static Optional<Answer> read(String s) {
        List<Relation> relations = relations(s);
        if (relations.isEmpty() || relations.size() > 2) {
            return Optional.empty();
        }
        List<String> sides = new ArrayList<>();
        int from = 0;
        for (Relation r : relations) {
            sides.add(s.substring(from, r.at()).strip());
            from = r.at() + r.length();
        }
        sides.add(s.substring(from).strip());
        if (sides.stream().anyMatch(String::isEmpty)) {
            return Optional.empty();
        }
        if (relations.size() == 2) {
            Relation a = relations.get(0);
            Relation b = relations.get(1);
            if (a.less() != b.less() || !NAME.matcher(sides.get(1)).matches()) {
                return Optional.empty();
            }
            // a < x <= b, or b >= x > a read from the right
            return Optional.of(a.less()
                    ? interval(sides.get(1), sides.get(0), a.strict(), sides.get(2), b.strict(), s)
                    : interval(sides.get(1), sides.get(2), b.strict(), sides.get(0), a.strict(), s));
        }
        Relation r = relations.get(0);
        boolean nameLeft = NAME.matcher(sides.get(0)).matches();
        boolean nameRight = NAME.matcher(sides.get(1)).matches();
        if (nameLeft == nameRight) {
            return Optional.empty(); // x < y, or no variable: not an interval of one variable
        }
        String name = nameLeft ? sides.get(0) : sides.get(1);
        String bound = nameLeft ? sides.get(1) : sides.get(0);
        boolean upper = nameLeft == r.less(); // x < 5 and 5 > x bound x from above
        return Optional.of(upper ? interval(name, null, true, bound, r.strict(), s)
                : interval(name, bound, r.strict(), null, true, s));
    }

    /** {@code \mathbb{R}}, the reals, as the interval {@code (-\infty, \infty)}. */
    static Optional<Answer> reals(String s) {
        String t = s.replace(" ", "");
        if (t.equals("\\mathbb{R}") || t.equals("\\mathbbR") || t.equals("\\R")) {
            return Optional.of(new Tuple('(', ')', List.of(AnswerParser.leaf("-\\infty"), AnswerParser.leaf("\\infty")), s));
        }
        return Optional.empty();
    }

    /** A null bound is infinite (and open). */
    private static Answer interval(String name, String low, boolean lowStrict, String high, boolean highStrict, String text) {
        Tuple tuple = new Tuple(low == null || lowStrict ? '(' : '[', high == null || highStrict ? ')' : ']',
                List.of(AnswerParser.leaf(low == null ? "-\\infty" : low), AnswerParser.leaf(high == null ? "\\infty" : high)), text);
        return new Answer.Inequality(Texts.canonical(name), tuple, text);
    }

    /** The relations outside brackets; none when there is anything else relational ({@code \ne}, {@code =}). */
    private static List<Relation> relations(String s) {
        List<Relation> out = new ArrayList<>();
        int depth = 0;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '(' || c == '[' || c == '{') {
                depth++;
            } else if (c == ')' || c == ']' || c == '}') {
                depth--;
            } else if (depth == 0 && (c == '<' || c == '>')) {
                out.add(new Relation(i, 1, c == '<', true));
            } else if (depth == 0 && (s.startsWith("\\le", i) || s.startsWith("\\ge", i))
                    && (i + 3 >= s.length() || !Character.isLetter(s.charAt(i + 3)))) {
                out.add(new Relation(i, 3, s.startsWith("\\le", i), false));
                i += 2;
            } else if (depth == 0 && (c == '=' || s.startsWith("\\ne", i) && (i + 3 >= s.length() || !Character.isLetter(s.charAt(i + 3))))) {
                return List.of();
            } else if (c == '\\' && i + 1 < s.length()) {
                i++; // an escaped bracket (\{) does not nest
            }
        }
        return out;
    }
}
