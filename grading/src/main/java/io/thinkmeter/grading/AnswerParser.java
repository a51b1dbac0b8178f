package io.thinkmeter.grading;

import io.thinkmeter.grading.Answer.Equation;
import io.thinkmeter.grading.Answer.ListOf;
import io.thinkmeter.grading.Answer.Scalar;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads an answer's structure, outside in:
 * <ol>
 *   <li>{@link LatexNormalizer}; then a plainly grouped number ({@code 58,500}) is one number
 *       ({@link ThousandsSeparators});</li>
 *   <li>{@code x \in S} is {@code S};</li>
 *   <li>top-level semicolons make a {@link ListOf} of answers ({@code 2; 3}), each part read on;</li>
 *   <li>a top-level {@code \cup} makes a {@link Answer.Union} of its pieces;</li>
 *   <li>top-level commas, and "and" / "or" between values ({@link AnswerSeparators}), make a
 *       {@link ListOf} of answers (a {@code \pm} item counts as its two);</li>
 *   <li>each piece: a matrix ({@link MatrixReader}: {@code pmatrix}, {@code bmatrix}, an {@code array}
 *       in brackets...; not {@code vmatrix}, a determinant); {@code \{...\}}, a set, and so is a comma
 *       list in plain braces ({@code {2, 3}}); a bracketed
 *       list with a top-level comma, a {@link Answer.Tuple} or interval; a top-level {@code =}, an
 *       {@link Equation} (of a chain {@code x = 2 + 3 = 5}, its first and last sides); an inequality in
 *       one variable ({@link Inequalities}); a {@code \pm} or {@code \mp}, the two values; else a value ({@link #leaf}).</li>
 * </ol>
 */
final class AnswerParser {

    /**
     * A variable name: a letter or Greek letter, a subscript, primes, and variables as arguments
     * ({@code f(x)}, {@code N(n)}, {@code g(x,y)}); not {@code x(x+1)}, a product, nor {@code \\sin(x)}.
     */
    private static final String NAME = "(?:[A-Za-z]|\\\\(?:" + String.join("|", MathParser.GREEK) + ")(?![A-Za-z]))"
            + "(?:_(?:\\{[^{}]*}|[A-Za-z0-9]))?'*(?:\\(\\s*[A-Za-z](?:\\s*,\\s*[A-Za-z])*\\s*\\))?";
    private static final Pattern SIMPLE_NAME = Pattern.compile(NAME);
    private static final Pattern NAME_TUPLE = Pattern.compile("\\(\\s*(" + NAME + "(?:\\s*,\\s*" + NAME + ")+)\\s*\\)");
    private static final Pattern MEMBERSHIP = Pattern.compile("(" + NAME + ")\\s*\\\\in\\s*(.+)", Pattern.DOTALL);
    private static final Pattern SPACE_GROUPED = Pattern.compile("-?\\d{1,3}(?: \\d{3})+(?:\\.\\d+)?");
    /** {@code \mathbf{M}}, {@code \vec{v}}: a name in bold or with an arrow. */
    private static final Pattern DECORATED_NAME = Pattern.compile("\\\\(?:text|vec|boldsymbol|mathbf)\\s*\\{\\s*([A-Za-z])\\s*}");
    private static final Pattern WHOLE_TEXT = Pattern.compile("\\\\text\\s*\\{([^{}]*)}");
    private static final Pattern WORDS = Pattern.compile("[A-Za-z]+(?:\\s+[A-Za-z]+)*");
    private static final Pattern WORD_RUN = Pattern.compile("[A-Za-z]{2,}");
    private static final Pattern LONG_WORD = Pattern.compile("[A-Za-z]{3,}");
    private static final Pattern RELATIONS = Pattern.compile("[<>]|\\\\(?:le|ge|leq|geq|leqslant|geqslant|neq|ne|approx)(?![A-Za-z])");

    private AnswerParser() {
    }

    static Answer parse(String answer) {
        String s = LatexNormalizer.normalize(answer);
        if (ThousandsSeparators.isPlainlyGrouped(s)) {
            return leaf(ThousandsSeparators.withoutCommas(s));
        }
        if (SPACE_GROUPED.matcher(s).matches()) {
            return leaf(s.replace(" ", "")); // 2 500, as many languages write 2500
        }
        Matcher member = MEMBERSHIP.matcher(s);
        if (member.matches()) {
            s = member.group(2).strip();
        }
        List<String> answers = AnswerSeparators.semicolons(s);
        if (answers.size() > 1 && answers.stream().noneMatch(String::isEmpty)) {
            return separatedBySemicolons(answers, s);
        }
        return unionOrPiece(s);
    }

    /**
     * {@code 2; 3} is the list {@code 2, 3}. A part that is itself a comma list stays one item, a group:
     * {@code a=1, b=2; a=3, b=4} is two solutions, and flattening it would pair a=1 with b=4 as well.
     */
    private static Answer separatedBySemicolons(List<String> parts, String s) {
        List<Answer> items = new ArrayList<>();
        for (String part : parts) {
            Answer a = unionOrPiece(part);
            boolean oneItem = TopLevel.split(part, ",").size() == 1 && AnswerSeparators.words(part, false).size() == 1;
            if (a instanceof ListOf pair && oneItem) {
                items.addAll(pair.items()); // a \pm item counts as its two values, as after a comma
            } else {
                items.add(a);
            }
        }
        return new ListOf(items, s);
    }

    private static Answer unionOrPiece(String s) {
        List<String> pieces = TopLevel.split(s, "\\cup");
        if (pieces.size() > 1) {
            return new Answer.Union(pieces.stream().map(AnswerParser::piece).toList(), s);
        }
        return piece(s);
    }

    /** A comma list (commas, or the words "and" / "or" between values), or one element. */
    private static Answer piece(String s) {
        List<String> commaItems = TopLevel.split(s, ",");
        List<String> items = new ArrayList<>();
        for (int i = 0; i < commaItems.size(); i++) {
            items.addAll(joinedByWords(commaItems.get(i), i > 0));
        }
        if (items.size() > 1) {
            return new ListOf(flatten(items), s);
        }
        return element(s);
    }

    /**
     * An item's parts between "and" / "or" ({@link AnswerSeparators#words}) when every part is
     * mathematics ({@code 2 and 3}, {@code x=2 \text{ or } x=3}); else the item whole: in
     * {@code \text{yes} and \text{no}} or {@code x > 2 and x < 5} the words do not separate values.
     */
    private static List<String> joinedByWords(String item, boolean afterComma) {
        List<String> parts = AnswerSeparators.words(item, afterComma);
        if (parts.size() == 1 && parts.get(0).equals(item)) {
            return parts;
        }
        return parts.stream().allMatch(p -> !p.isEmpty() && isMathematics(element(p))) ? parts : List.of(item);
    }

    /**
     * Read as mathematics: not words, not a value kept as text only. Not an inequality either: between
     * inequalities "and" is an intersection and "or" a union, not several answers.
     */
    private static boolean isMathematics(Answer a) {
        if (a instanceof Answer.Inequality) {
            return false;
        }
        if (a instanceof Scalar v) {
            return v.expr() != null;
        }
        if (a instanceof Equation e) {
            return isMathematics(e.lhs()) && isMathematics(e.rhs());
        }
        return !(a instanceof Answer.Word);
    }

    private static Answer element(String raw) {
        String s = raw.strip();
        Optional<List<List<String>>> matrix = MatrixReader.rows(s);
        if (matrix.isPresent()) {
            return matrix(matrix.get(), s);
        }
        Optional<Answer> reals = Inequalities.reals(s);
        if (reals.isPresent()) {
            return reals.get();
        }
        if (s.startsWith("\\{") && TopLevel.closing(s, 0) == s.length() - 2) {
            String inside = s.substring(2, s.length() - 2).strip();
            return new Answer.SetOf(inside.isEmpty() ? List.of() : flatten(TopLevel.split(inside, ",")), s);
        }
        Optional<Answer> braced = setInPlainBraces(s);
        if (braced.isPresent()) {
            return braced.get();
        }
        if ((s.startsWith("(") || s.startsWith("[")) && TopLevel.closing(s, 0) == s.length() - 1) {
            List<String> items = TopLevel.split(s.substring(1, s.length() - 1), ",");
            if (items.size() > 1) {
                return new Answer.Tuple(s.charAt(0), s.charAt(s.length() - 1),
                        items.stream().map(AnswerParser::element).toList(), s);
            }
        }
        Optional<Answer> inequality = Inequalities.read(s);
        if (inequality.isPresent()) {
            return inequality.get();
        }
        List<String> sides = TopLevel.split(s, "=");
        if (sides.size() >= 2 && sides.stream().noneMatch(String::isBlank) && !RELATIONS.matcher(s).find()) {
            // a chain x = 2 + 3 = 5 states its first side's value last, as Math-Verify reads it
            String lhs = sides.get(0);
            String rhs = sides.get(sides.size() - 1);
            return new Equation(element(lhs), element(rhs), names(lhs), s);
        }
        Optional<List<String>> plusMinus = PlusMinus.expand(s);
        if (plusMinus.isPresent()) {
            return new ListOf(plusMinus.get().stream().map(AnswerParser::leaf).toList(), s);
        }
        return leaf(s);
    }

    /** Items of a list or set, each a {@code \pm} pair counting as its two values. */
    private static List<Answer> flatten(List<String> items) {
        List<Answer> out = new ArrayList<>();
        for (String item : items) {
            Answer a = element(item);
            if (a instanceof ListOf l) {
                out.addAll(l.items());
            } else {
                out.add(a);
            }
        }
        return out;
    }

    private static Answer matrix(List<List<String>> cells, String text) {
        return new Answer.Matrix(cells.stream().map(row -> row.stream().map(AnswerParser::element).toList()).toList(), text);
    }

    /**
     * {@code {2, 3, 5}}: in LaTeX plain braces only group, but a comma list in them as a whole value is
     * how models write a set. Not {@code {1,000}}, which may be a grouped number; one item in braces
     * ({@code {5}}) is a group, left to the expression reader.
     */
    private static Optional<Answer> setInPlainBraces(String s) {
        if (!s.startsWith("{") || TopLevel.closing(s, 0) != s.length() - 1) {
            return Optional.empty();
        }
        String inside = s.substring(1, s.length() - 1).strip();
        List<String> items = TopLevel.split(inside, ",");
        if (items.size() < 2 || ThousandsSeparators.isPlainlyGrouped(inside) || items.stream().anyMatch(String::isEmpty)) {
            return Optional.empty();
        }
        return Optional.of(new Answer.SetOf(flatten(items), s));
    }

    /** The names on the left of an equation: {@code x}, {@code f(x)}, {@code (x, y)}; empty for anything else. */
    private static List<String> names(String lhs) {
        String s = lhs.strip();
        if (SIMPLE_NAME.matcher(s).matches()) {
            return List.of(Texts.canonical(s));
        }
        Matcher decorated = DECORATED_NAME.matcher(s);
        if (decorated.matches()) {
            return List.of(decorated.group(1));
        }
        Matcher tuple = NAME_TUPLE.matcher(s);
        if (tuple.matches()) {
            return TopLevel.split(tuple.group(1), ",").stream().map(Texts::canonical).toList();
        }
        return List.of();
    }

    /**
     * One value: its unit split off ({@link Units}); a word or words ({@code \text{Evelyn}},
     * {@code east}, {@code ab}) become a {@link Answer.Word}, lower-cased when in {@code \text} or
     * of three letters or more (two bare letters keep their case: {@code AB} is not {@code ab}); else it is parsed ({@link MathParser}), and when that
     * fails it stays a scalar compared by its text only. {@code \text{...}} holding no word
     * ({@code \text{(B)}}) is unwrapped; holding a word, it stays and makes the value text-only.
     */
    static Answer leaf(String raw) {
        Units.Quantity q = Units.split(raw.strip());
        String value = q.value();
        Matcher whole = WHOLE_TEXT.matcher(value);
        String bare = whole.matches() ? whole.group(1).strip() : value;
        if (WORDS.matcher(bare).matches() && WORD_RUN.matcher(bare).find()) {
            String words = bare.replaceAll("\\s+", " ");
            // case is dropped for words (Evelyn, east), kept for two bare letters: AB is not ab
            boolean natural = whole.matches() || LONG_WORD.matcher(words).find();
            return new Answer.Word(natural ? words.toLowerCase(Locale.ROOT) : words);
        }
        String math = unwrapTextWithoutWords(value);
        try {
            return new Scalar(math, q.unit(), MathParser.parse(math), null);
        } catch (MathSyntaxException notMath) {
            return new Scalar(math, q.unit(), null, notMath.getMessage());
        }
    }

    private static String unwrapTextWithoutWords(String s) {
        return WHOLE_TEXT.matcher(s).replaceAll(m -> WORD_RUN.matcher(m.group(1)).find()
                ? Matcher.quoteReplacement(m.group()) : Matcher.quoteReplacement(m.group(1)));
    }
}
