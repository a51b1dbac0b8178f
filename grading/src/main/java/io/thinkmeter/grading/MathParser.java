package io.thinkmeter.grading;

import io.thinkmeter.grading.MathExpr.Call;
import io.thinkmeter.grading.MathExpr.Fn;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads one LaTeX expression into a {@link MathExpr}, or throws {@link MathSyntaxException}. What it
 * reads, and how:
 * <ul>
 *   <li>numbers {@code 12}, {@code 025}, {@code 0.15}, {@code .5}; {@code \pi}; {@code \infty}</li>
 *   <li>variables: one letter each ({@code ab} is a times b), with a subscript ({@code a_1},
 *       {@code m_{\max}}) or a prime; Greek letters ({@code \theta})</li>
 *   <li>{@code + - * / \cdot \times \div}, implicit products ({@code 2x}, {@code 3\sqrt{2}},
 *       {@code (a+5)(b+2)}), {@code ^} with a group or one token ({@code 2^{10}}; {@code 2^10} is read
 *       as 1024, as meant, not as LaTeX would set it), {@code !}</li>
 *   <li>{@code \frac{a}{b}} and its one-token forms {@code \frac12}, {@code \frac 34}, {@code \frac9{19}};
 *       {@code \sqrt{x}}, {@code \sqrt2}, {@code \sqrt[n]{x}}; {@code \binom{n}{k}};
 *       {@code \lfloor x \rfloor}, {@code \lceil x \rceil}, {@code |x|}</li>
 *   <li>{@code \sin \cos \tan \cot \sec \csc}, their {@code \arc} forms, {@code \sinh \cosh \tanh},
 *       {@code \ln}, {@code \exp}, {@code \log} (natural), {@code \log_{b}}; an argument in parentheses,
 *       or without them up to the next sign or function ({@code \sin 2x} is sin(2x)),
 *       {@code \sin^2 x} is (sin x)^2</li>
 *   <li>a mixed number {@code 1\frac{4}{5}} ({@link MixedNumber})</li>
 * </ul>
 * Two numbers side by side ({@code 2 3}, {@code 10 000}) are refused, not multiplied.
 * Anything else (relations, {@code \pm}, commas, unknown commands, {@code \text}) is a syntax error: the
 * grader then compares that answer as text, which can only make it stricter.
 */
final class MathParser {

    private static final Map<String, Fn> FUNCTIONS = Map.ofEntries(Map.entry("sin", Fn.SIN), Map.entry("cos", Fn.COS),
            Map.entry("tan", Fn.TAN), Map.entry("cot", Fn.COT), Map.entry("sec", Fn.SEC), Map.entry("csc", Fn.CSC),
            Map.entry("arcsin", Fn.ARCSIN), Map.entry("arccos", Fn.ARCCOS), Map.entry("arctan", Fn.ARCTAN),
            Map.entry("sinh", Fn.SINH), Map.entry("cosh", Fn.COSH), Map.entry("tanh", Fn.TANH), Map.entry("ln", Fn.LN),
            Map.entry("exp", Fn.EXP), Map.entry("log", Fn.LOG));

    static final Set<String> GREEK = Set.of("alpha", "beta", "gamma", "delta", "epsilon", "varepsilon", "zeta",
            "eta", "theta", "vartheta", "iota", "kappa", "lambda", "mu", "nu", "xi", "rho", "sigma", "tau", "upsilon",
            "phi", "varphi", "chi", "psi", "omega", "Gamma", "Delta", "Theta", "Lambda", "Xi", "Sigma", "Upsilon",
            "Phi", "Psi", "Omega");

    private static final Set<String> FRACTIONS = Set.of("frac", "dfrac", "tfrac", "cfrac");
    private static final Set<String> BINOMIALS = Set.of("binom", "dbinom", "tbinom");
    private static final Set<String> PRIMARY_COMMANDS = Set.of("sqrt", "pi", "infty", "lfloor", "lceil");

    private final String s;
    private int pos;
    private int openBars;

    private MathParser(String s) {
        this.s = s;
    }

    static MathExpr parse(String latex) {
        var mixed = MixedNumber.read(latex);
        if (mixed.isPresent()) {
            return mixed.get();
        }
        MathParser p = new MathParser(latex);
        MathExpr e = p.sum();
        p.skipSpaces();
        if (p.pos != p.s.length()) {
            throw p.error("unexpected '" + p.s.substring(p.pos) + "'");
        }
        return e;
    }

    private MathExpr sum() {
        List<MathExpr> terms = new ArrayList<>();
        terms.add(product());
        while (true) {
            skipSpaces();
            if (eat('+')) {
                terms.add(product());
            } else if (peek() == '-') {
                pos++;
                terms.add(new MathExpr.Negation(product()));
            } else {
                break;
            }
        }
        return terms.size() == 1 ? terms.get(0) : new MathExpr.Sum(List.copyOf(terms));
    }

    private MathExpr product() {
        List<MathExpr> factors = new ArrayList<>();
        factors.add(signedFactor());
        while (true) {
            skipSpaces();
            if (eat('*') || eatCommand("cdot") || eatCommand("times")) {
                factors.add(signedFactor());
            } else if (eat('/') || eatCommand("div")) {
                MathExpr left = factors.size() == 1 ? factors.get(0) : new MathExpr.Product(List.copyOf(factors));
                factors.clear();
                factors.add(new MathExpr.Quotient(left, signedFactor()));
            } else if (startsPrimary()) {
                if (factors.get(factors.size() - 1) instanceof MathExpr.Num && Character.isDigit(peek())) {
                    throw error("two numbers side by side"); // 10 000 is no product; nor is 2 3
                }
                factors.add(power());
            } else {
                break;
            }
        }
        return factors.size() == 1 ? factors.get(0) : new MathExpr.Product(List.copyOf(factors));
    }

    private MathExpr signedFactor() {
        skipSpaces();
        if (eat('-')) {
            return new MathExpr.Negation(signedFactor());
        }
        if (eat('+')) {
            return signedFactor();
        }
        return power();
    }

    private MathExpr power() {
        MathExpr base = primary();
        while (true) {
            skipSpaces();
            if (eat('!')) {
                base = new Call(Fn.FACTORIAL, List.of(base));
            } else if (eat('^')) {
                base = new MathExpr.Power(base, exponent());
            } else {
                return base;
            }
        }
    }

    /** A superscript: a group, a whole number (intent over LaTeX), a letter, a command, or a signed one. */
    private MathExpr exponent() {
        skipSpaces();
        char c = peek();
        if (c == '{') {
            return group();
        } else if (Character.isDigit(c)) {
            return number();
        } else if (c == '-') {
            pos++;
            return new MathExpr.Negation(exponent());
        } else if (Character.isLetter(c) || c == '\\') {
            return primary();
        }
        throw error("missing exponent");
    }

    private MathExpr primary() {
        skipSpaces();
        char c = peek();
        if (Character.isDigit(c) || (c == '.' && pos + 1 < s.length() && Character.isDigit(s.charAt(pos + 1)))) {
            return number();
        } else if (isLatinLetter(c)) {
            pos++;
            return variable(String.valueOf(c));
        } else if (c == '(') {
            return enclosed('(', ')');
        } else if (c == '[') {
            return enclosed('[', ']');
        } else if (c == '{') {
            return group();
        } else if (c == '|') {
            pos++;
            openBars++;
            MathExpr inside = sum();
            openBars--;
            expect('|');
            return new Call(Fn.ABS, List.of(inside));
        } else if (c == '\\') {
            return command();
        }
        throw error(c == 0 ? "unexpected end" : "unexpected '" + c + "'");
    }

    private MathExpr command() {
        int start = pos;
        String name = commandName();
        if (FRACTIONS.contains(name)) {
            MathExpr num = argument();
            return new MathExpr.Quotient(num, argument());
        } else if (name.equals("sqrt")) {
            skipSpaces();
            MathExpr index = new MathExpr.Num(BigDecimal.valueOf(2), false);
            if (eat('[')) {
                index = sum();
                expect(']');
            }
            return new MathExpr.Root(index, argument());
        } else if (name.equals("pi")) {
            return new MathExpr.Pi();
        } else if (name.equals("infty")) {
            return new MathExpr.Infinity();
        } else if (BINOMIALS.contains(name)) {
            MathExpr n = argument();
            return new Call(Fn.BINOMIAL, List.of(n, argument()));
        } else if (name.equals("lfloor")) {
            MathExpr inside = sum();
            expectCommand("rfloor");
            return new Call(Fn.FLOOR, List.of(inside));
        } else if (name.equals("lceil")) {
            MathExpr inside = sum();
            expectCommand("rceil");
            return new Call(Fn.CEILING, List.of(inside));
        } else if (FUNCTIONS.containsKey(name)) {
            return function(FUNCTIONS.get(name));
        } else if (GREEK.contains(name)) {
            return variable("\\" + name);
        }
        pos = start;
        throw error("unknown command \\" + name);
    }

    private MathExpr function(Fn fn) {
        skipSpaces();
        MathExpr base = null;
        if (fn == Fn.LOG && eat('_')) {
            base = argument();
            skipSpaces();
        }
        MathExpr power = null;
        if (eat('^')) {
            power = exponent();
        }
        MathExpr arg = functionArgument();
        MathExpr call = new Call(fn, base == null ? List.of(arg) : List.of(base, arg));
        return power == null ? call : new MathExpr.Power(call, power);
    }

    /** {@code (x)} or {@code {x}}; else the product up to the next sign or function: sin 2x is sin(2x). */
    private MathExpr functionArgument() {
        skipSpaces();
        if (peek() == '(' || peek() == '{') {
            return power();
        }
        List<MathExpr> factors = new ArrayList<>();
        factors.add(power());
        while (startsPrimary() && !startsFunction()) {
            factors.add(power());
        }
        return factors.size() == 1 ? factors.get(0) : new MathExpr.Product(List.copyOf(factors));
    }

    /** An argument of a command: a group, or one token ({@code \frac12}: one digit each). */
    private MathExpr argument() {
        skipSpaces();
        char c = peek();
        if (c == '{') {
            return group();
        } else if (Character.isDigit(c)) {
            pos++;
            return new MathExpr.Num(new BigDecimal(String.valueOf(c)), false);
        } else if (isLatinLetter(c)) {
            pos++;
            return new MathExpr.Var(String.valueOf(c));
        } else if (c == '\\') {
            return command();
        }
        throw error("missing argument");
    }

    private MathExpr group() {
        return enclosed('{', '}');
    }

    private MathExpr enclosed(char open, char close) {
        expect(open);
        int bars = openBars;
        openBars = 0; // a bar inside parentheses opens a new absolute value
        MathExpr inside = sum();
        openBars = bars;
        expect(close);
        return inside;
    }

    private MathExpr number() {
        int start = pos;
        while (pos < s.length() && Character.isDigit(s.charAt(pos))) {
            pos++;
        }
        boolean decimal = false;
        if (pos + 1 < s.length() && s.charAt(pos) == '.' && Character.isDigit(s.charAt(pos + 1))) {
            decimal = true;
            pos++;
            while (pos < s.length() && Character.isDigit(s.charAt(pos))) {
                pos++;
            }
        }
        return new MathExpr.Num(new BigDecimal(s.substring(start, pos)), decimal);
    }

    /** A name with its subscript ({@code a_1}, {@code a_{10}}) and primes, spaces in the subscript dropped. */
    private MathExpr variable(String name) {
        StringBuilder full = new StringBuilder(name);
        if (peek() == '_') {
            pos++;
            full.append('_');
            if (peek() == '{') {
                int close = matchingBrace(pos);
                full.append(s, pos + 1, close);
                pos = close + 1;
            } else if (pos < s.length() && Character.isLetterOrDigit(s.charAt(pos))) {
                full.append(s.charAt(pos++));
            } else {
                throw error("empty subscript");
            }
        }
        while (peek() == '\'') {
            pos++;
            full.append('\'');
        }
        return new MathExpr.Var(full.toString().replaceAll("\\s+", ""));
    }

    private int matchingBrace(int open) {
        int depth = 0;
        for (int i = open; i < s.length(); i++) {
            if (s.charAt(i) == '{') {
                depth++;
            } else if (s.charAt(i) == '}' && --depth == 0) {
                return i;
            }
        }
        throw error("unclosed subscript");
    }

    /** True when the next token can start a factor of an implicit product. */
    private boolean startsPrimary() {
        skipSpaces();
        char c = peek();
        if (Character.isDigit(c) || isLatinLetter(c) || c == '(' || c == '{') {
            return true;
        }
        if (c == '|') {
            return openBars == 0;
        }
        if (c != '\\') {
            return false;
        }
        String name = peekCommandName();
        return FRACTIONS.contains(name) || BINOMIALS.contains(name) || PRIMARY_COMMANDS.contains(name)
                || FUNCTIONS.containsKey(name) || GREEK.contains(name);
    }

    private boolean startsFunction() {
        return peek() == '\\' && FUNCTIONS.containsKey(peekCommandName());
    }

    private String commandName() {
        expect('\\');
        int start = pos;
        while (pos < s.length() && Character.isLetter(s.charAt(pos))) {
            pos++;
        }
        if (start == pos) {
            throw error("unknown command \\" + peek());
        }
        return s.substring(start, pos);
    }

    private String peekCommandName() {
        int end = pos + 1;
        while (end < s.length() && Character.isLetter(s.charAt(end))) {
            end++;
        }
        return s.substring(pos + 1, end);
    }

    private boolean eatCommand(String name) {
        if (peek() == '\\' && peekCommandName().equals(name)) {
            pos += name.length() + 1;
            return true;
        }
        return false;
    }

    private void expectCommand(String name) {
        skipSpaces();
        if (!eatCommand(name)) {
            throw error("expected \\" + name);
        }
    }

    private boolean eat(char c) {
        if (peek() == c) {
            pos++;
            return true;
        }
        return false;
    }

    private void expect(char c) {
        skipSpaces();
        if (!eat(c)) {
            throw error("expected '" + c + "'");
        }
    }

    private char peek() {
        return pos < s.length() ? s.charAt(pos) : 0;
    }

    private void skipSpaces() {
        while (pos < s.length() && Character.isWhitespace(s.charAt(pos))) {
            pos++;
        }
    }

    private static boolean isLatinLetter(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
    }

    private MathSyntaxException error(String message) {
        return new MathSyntaxException(message, s, pos);
    }
}
