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
 *   <li>a top-level {@code \cup} makes a {@link Answer.Union} of its pieces;</li>
 *   <li>top-level commas make a {@link ListOf} of answers (a {@code \pm} item counts as its two);</li>
 *   <li>each piece: a matrix environment ({@code pmatrix}, {@code bmatrix}, {@code matrix},
 *       {@code smallmatrix}; not {@code vmatrix}, a determinant); {@code \{...\}}, a set; a bracketed
 *       list with a top-level comma, a {@link Answer.Tuple} or interval; a top-level {@code =}, an
 *       {@link Equation} (of a chain {@code x = 2 + 3 = 5}, its first and last sides); a {@code \pm} or {@code \mp}, the two values; else a value ({@link #leaf}).</li>
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
    private static final Pattern MATRIX =
            Pattern.compile("\\\\begin\\{(pmatrix|bmatrix|Bmatrix|matrix|smallmatrix)}(.*)\\\\end\\{\\1}", Pattern.DOTALL);
    private static final Pattern ARRAY = Pattern.compile(
            "[(\\[]?\\s*\\\\begin\\{array}\\s*\\{[^{}]*}(.*)\\\\end\\{array}\\s*[)\\]]?", Pattern.DOTALL);
    private static final Pattern SPACE_GROUPED = Pattern.compile("-?\\d{1,3}(?: \\d{3})+(?:\\.\\d+)?");
    private static final Pattern ALTERNATIVES =
            Pattern.compile("\\s*,?\\s*\\\\text\\s*\\{\\s*(?:and|or)\\s*}\\s*|(?<=[\\d)}\\]])\\s+(?:and|or)\\s+(?=[-\\d(\\[\\\\A-Za-z])");
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
        s = ALTERNATIVES.matcher(s).replaceAll(", "); // -3 \text{ and } 2, x=1 \text{ or } x=4
        Matcher member = MEMBERSHIP.matcher(s);
        if (member.matches()) {
            s = member.group(2).strip();
        }
        List<String> pieces = TopLevel.split(s, "\\cup");
        if (pieces.size() > 1) {
            return new Answer.Union(pieces.stream().map(AnswerParser::piece).toList(), s);
        }
        return piece(s);
    }

    /** A comma list, or one element. */
    private static Answer piece(String s) {
        List<String> items = TopLevel.split(s, ",");
        if (items.size() == 1) {
            items = TopLevel.split(s, ";"); // (1,2); (3,4): answers separated by semicolons
        }
        if (items.size() > 1) {
            return new ListOf(flatten(items), s);
        }
        return element(s);
    }

    private static Answer element(String raw) {
        String s = raw.strip();
        Matcher matrix = MATRIX.matcher(s);
        if (matrix.matches()) {
            return matrix(matrix.group(2), s);
        }
        Matcher array = ARRAY.matcher(s);
        if (array.matches()) {
            return matrix(array.group(1), s); // [\begin{array}{cc} ... \end{array}], as a matrix
        }
        Optional<Answer> reals = Inequalities.reals(s);
        if (reals.isPresent()) {
            return reals.get();
        }
        if (s.startsWith("\\{") && TopLevel.closing(s, 0) == s.length() - 2) {
            String inside = s.substring(2, s.length() - 2).strip();
            return new Answer.SetOf(inside.isEmpty() ? List.of() : flatten(TopLevel.split(inside, ",")), s);
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

    private static Answer matrix(String body, String text) {
        List<List<Answer>> rows = new ArrayList<>();
        for (String row : body.replace("\\hline", "").split("\\\\\\\\")) {
            if (!row.isBlank()) {
                List<Answer> cells = new ArrayList<>();
                for (String cell : row.split("&")) {
                    cells.add(element(cell));
                }
                rows.add(cells);
            }
        }
        return new Answer.Matrix(rows, text);
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
