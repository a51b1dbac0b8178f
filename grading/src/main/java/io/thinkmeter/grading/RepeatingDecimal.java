package io.thinkmeter.grading;

import java.math.BigInteger;
import java.util.regex.MatchResult;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A repeating decimal written as one is an exact fraction: {@code 0.\overline{3}} is 1/3,
 * {@code 0.1\overline{6}} is 1/6, {@code 0.\overline{142857}} is 1/7, and {@code 0.999...} is 1. An
 * ellipsis repeats only the last digit, and only after it was written three times or more
 * ({@code 0.333...}, {@code 0.1666...}): {@code 0.3...} or {@code 0.12...} says too little to be read, and
 * stays as written (then unequal to the fraction). A short decimal without a bar or an ellipsis
 * ({@code 0.3}) is never a repeating one.
 */
final class RepeatingDecimal {

    private static final Pattern OVERLINE =
            Pattern.compile("(?<![\\d.])(-?)(\\d*)\\.(\\d*)\\\\overline\\s*\\{\\s*(\\d+)\\s*}");
    private static final Pattern ELLIPSIS =
            Pattern.compile("(?<![\\d.])(-?)(\\d*)\\.(\\d*?)((\\d)\\5{2,})\\s*(?:\\.\\.\\.|\\\\[lc]?dots(?![A-Za-z])|…)");

    private RepeatingDecimal() {
    }

    /** Every repeating decimal in {@code s} as {@code \frac{p}{q}} (in parentheses, so it stays one factor). */
    static String rewrite(String s) {
        String t = OVERLINE.matcher(s).replaceAll(m -> fraction(m, m.group(4)));
        return ELLIPSIS.matcher(t).replaceAll(m -> fraction(m, m.group(5)));
    }

    private static String fraction(MatchResult m, String repeating) {
        String sign = m.group(1);
        String whole = m.group(2).isEmpty() ? "0" : m.group(2);
        String fixed = m.group(3);
        // x = whole + (fixed.repeating... ): (fixed+repeating - fixed) / (10^|fixed| * (10^|repeating| - 1))
        BigInteger withBlock = new BigInteger(fixed + repeating);
        BigInteger withoutBlock = fixed.isEmpty() ? BigInteger.ZERO : new BigInteger(fixed);
        BigInteger den = BigInteger.TEN.pow(fixed.length()).multiply(BigInteger.TEN.pow(repeating.length()).subtract(BigInteger.ONE));
        BigInteger num = withBlock.subtract(withoutBlock).add(new BigInteger(whole).multiply(den));
        BigInteger gcd = num.gcd(den);
        num = num.divide(gcd);
        den = den.divide(gcd);
        String value = den.equals(BigInteger.ONE) ? num.toString() : "\\frac{" + num + "}{" + den + "}";
        return Matcher.quoteReplacement(sign.isEmpty() ? value : "(" + sign + value + ")");
    }
}
