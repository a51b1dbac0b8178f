package io.thinkmeter.grading;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A mixed number: an integer followed by a proper fraction of integers and nothing else, as in
 * {@code 1\frac{4}{5}} (9/5) or {@code 137 \frac{1}{2}} (275/2), the way MATH writes them. Read as a
 * product, {@code 1\frac{4}{5}} would be 4/5: wrong. Only a proper fraction (numerator below
 * denominator) makes a mixed number; {@code 2\frac{3}{2}} stays a product (3).
 */
final class MixedNumber {

    private static final Pattern MIXED = Pattern.compile(
            "\\s*(-)?\\s*(\\d+)\\s*\\\\frac\\s*(?:\\{\\s*(\\d+)\\s*}|(\\d))\\s*(?:\\{\\s*(\\d+)\\s*}|(\\d))\\s*");

    private MixedNumber() {
    }

    static Optional<MathExpr> read(String latex) {
        Matcher m = MIXED.matcher(latex);
        if (!m.matches()) {
            return Optional.empty();
        }
        BigInteger whole = new BigInteger(m.group(2));
        BigInteger num = new BigInteger(m.group(3) != null ? m.group(3) : m.group(4));
        BigInteger den = new BigInteger(m.group(5) != null ? m.group(5) : m.group(6));
        if (den.signum() == 0 || num.compareTo(den) >= 0) {
            return Optional.empty();
        }
        MathExpr value = new MathExpr.Sum(List.of(number(whole),
                new MathExpr.Quotient(number(num), number(den))));
        return Optional.of(m.group(1) != null ? new MathExpr.Negation(value) : value);
    }

    private static MathExpr number(BigInteger n) {
        return new MathExpr.Num(new BigDecimal(n), false);
    }
}
