package io.thinkmeter.grading;

import java.util.regex.Pattern;

/**
 * Rewrites of an answer's LaTeX that never change its meaning, each its own method, applied in the
 * order of {@link #normalize}. Units, percent and degrees are not here: dropping them can change a
 * meaning, so {@link Units} handles them with a rule of its own.
 */
final class LatexNormalizer {

    private static final Pattern DOLLARS = Pattern.compile("(?<!\\\\)\\$");
    private static final Pattern SIZING = Pattern.compile("\\\\(?:left|right|bigg|Bigg|big|Big)[lr]?(?![a-zA-Z])\\.?");
    private static final Pattern TEXT_ALIASES =
            Pattern.compile("\\\\(?:mbox|textbf|textit|textrm|textnormal|mathrm|mathbf|mathit|operatorname)(?![a-zA-Z])");
    private static final Pattern FRACTION_ALIASES = Pattern.compile("\\\\[dtc]frac(?![a-zA-Z])");
    private static final Pattern BINOMIAL_ALIASES = Pattern.compile("\\\\[dt]binom(?![a-zA-Z])");
    private static final Pattern DEGREES = Pattern.compile("\\^\\s*\\{\\s*\\\\circ\\s*}|°|\\\\degree(?![a-zA-Z])");
    private static final Pattern SPACING =
            Pattern.compile("(?<!\\\\)\\\\[!,;:> ]|\\\\q?quad(?![a-zA-Z])|\\\\(?:display|text)style(?![a-zA-Z])|~");
    private static final Pattern SCIENTIFIC = Pattern.compile("(?<![A-Za-z\\d.\\\\])(\\d+(?:\\.\\d+)?)[eE]([+-]?\\d+)(?![\\w.])");
    private static final Pattern GE = Pattern.compile("\\\\geq(?:slant)?(?![a-zA-Z])\\s*|\\\\ge(?![a-zA-Z])\\s*|>=\\s*|≥\\s*");
    private static final Pattern LE = Pattern.compile("\\\\leq(?:slant)?(?![a-zA-Z])\\s*|\\\\le(?![a-zA-Z])\\s*|<=\\s*|≤\\s*");
    private static final Pattern NE = Pattern.compile("\\\\neq?(?![a-zA-Z])\\s*|!=\\s*|≠\\s*");
    private static final Pattern LT = Pattern.compile("\\\\lt(?![a-zA-Z])\\s*");
    private static final Pattern GT = Pattern.compile("\\\\gt(?![a-zA-Z])\\s*");
    private static final Pattern WHITESPACE = Pattern.compile("\\s+");

    private LatexNormalizer() {
    }

    static String normalize(String answer) {
        String s = unicode(answer);
        s = mathDelimiters(s);
        s = sizing(s);
        s = textAliases(s);
        s = fractionAliases(s);
        s = ThousandsSeparators.explicit(s);
        s = degrees(s);
        s = percent(s);
        s = spacing(s);
        s = RepeatingDecimal.rewrite(s);
        s = scientific(s);
        s = relations(s);
        return trailingPeriod(s);
    }

    /** {@code −} (U+2212), {@code ×}, {@code ·}, {@code π}, {@code ∞}, {@code ∪}: their LaTeX. */
    static String unicode(String s) {
        return s.replace('\u2212', '-').replace("\u00d7", "\\times ").replace("\u00b7", "\\cdot ")
                .replace("\u03c0", "\\pi ").replace("\u221e", "\\infty ").replace("\u222a", "\\cup ");
    }

    /** {@code $\frac{1}{2}$} and {@code \(x\)}, {@code \[x\]} around the whole: the math inside. {@code \$} stays. */
    static String mathDelimiters(String s) {
        String t = DOLLARS.matcher(s).replaceAll("").strip();
        if ((t.startsWith("\\(") && t.endsWith("\\)")) || (t.startsWith("\\[") && t.endsWith("\\]"))) {
            t = t.substring(2, t.length() - 2).strip();
        }
        return t;
    }

    /** {@code \left( x \right]} is {@code ( x ]}; {@code \left.} (an empty delimiter) goes entirely. */
    static String sizing(String s) {
        return SIZING.matcher(s).replaceAll("");
    }

    /** {@code \mbox{cm}}, {@code \textbf{even}}, {@code \mathrm{cm}}: all {@code \text{...}}. */
    static String textAliases(String s) {
        return TEXT_ALIASES.matcher(s).replaceAll("\\\\text");
    }

    /** {@code \dfrac}, {@code \tfrac}, {@code \cfrac} are {@code \frac}; {@code \dbinom}, {@code \tbinom} are {@code \binom}. */
    static String fractionAliases(String s) {
        return BINOMIAL_ALIASES.matcher(FRACTION_ALIASES.matcher(s).replaceAll("\\\\frac")).replaceAll("\\\\binom");
    }

    /** {@code 30^{\circ}}, {@code 30°} and {@code 30\degree} are all written {@code 30^\circ}. */
    static String degrees(String s) {
        return DEGREES.matcher(s).replaceAll("^\\\\circ");
    }

    /** {@code 8\%} is written {@code 8%}. */
    static String percent(String s) {
        return s.replace("\\%", "%");
    }

    /**
     * LaTeX spacing ({@code \!}, {@code \,}, {@code \;}, {@code \quad}, {@code ~}) goes; whitespace runs
     * become one space. A matrix's row break {@code \\} followed by a space is not the space command.
     */
    static String spacing(String s) {
        return WHITESPACE.matcher(SPACING.matcher(s).replaceAll(" ")).replaceAll(" ").strip();
    }

    /** {@code 1e-3} and {@code 1.5E3}, as calculators write them: {@code 1\times 10^{-3}}. */
    static String scientific(String s) {
        return SCIENTIFIC.matcher(s).replaceAll("$1\\\\times 10^{$2}");
    }

    /**
     * One spelling per relation: {@code \geq}, {@code \geqslant}, {@code >=} are {@code \ge}; {@code \leq},
     * {@code \leqslant}, {@code <=} are {@code \le}; {@code \lt}, {@code \gt} are {@code <}, {@code >};
     * {@code \neq} and {@code !=} are {@code \ne}.
     */
    static String relations(String s) {
        String t = GE.matcher(s).replaceAll("\\\\ge ");
        t = LE.matcher(t).replaceAll("\\\\le ");
        t = NE.matcher(t).replaceAll("\\\\ne ");
        t = LT.matcher(t).replaceAll("<");
        t = GT.matcher(t).replaceAll(">");
        return WHITESPACE.matcher(t).replaceAll(" ").strip();
    }

    /** A sentence's closing period: {@code (-\infty, 0).} is {@code (-\infty, 0)}; {@code 5.} is {@code 5}. */
    static String trailingPeriod(String s) {
        return s.endsWith(".") ? s.substring(0, s.length() - 1).strip() : s;
    }
}
