package io.thinkmeter.grading;

import java.math.BigInteger;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Numerals with a base subscript, {@code 204_5} or {@code 4210_{5}}: a bare numeral is read in the base
 * of the other side, as the question asked for that base. {@code 204_5} equals {@code 204_{5}} and
 * {@code 204} (the same digits in base 5), and {@code 10_{5}} equals {@code 5_{10}} (both five); it does
 * not equal {@code 54}, its value written in base 10, nor {@code 205} (no digit 5 in base 5).
 */
final class BaseNumeral {

    /** Digits (at least one 0-9, so that a variable {@code A_2} is not a numeral) and a base of 2 to 36. */
    private static final Pattern BASED = Pattern.compile("([0-9A-Z]*[0-9][0-9A-Z]*)_\\{?([2-9]|[12][0-9]|3[0-6])}?");
    private static final Pattern DIGITS = Pattern.compile("[0-9]+");

    private BaseNumeral() {
    }

    /** The verdict when either side has a base subscript; empty when neither has one. */
    static Optional<Boolean> compare(String a, String b) {
        Matcher ma = BASED.matcher(a.replace(" ", ""));
        Matcher mb = BASED.matcher(b.replace(" ", ""));
        boolean baseA = ma.matches();
        boolean baseB = mb.matches();
        if (!baseA && !baseB) {
            return Optional.empty();
        }
        if (baseA && baseB) {
            Optional<BigInteger> x = value(ma.group(1), ma.group(2));
            Optional<BigInteger> y = value(mb.group(1), mb.group(2));
            return Optional.of(x.isPresent() && x.equals(y));
        }
        Matcher based = baseA ? ma : mb;
        String bare = (baseA ? b : a).strip();
        if (!DIGITS.matcher(bare).matches()) {
            return Optional.of(false);
        }
        Optional<BigInteger> x = value(based.group(1), based.group(2));
        Optional<BigInteger> y = value(bare, based.group(2));
        return Optional.of(x.isPresent() && x.equals(y));
    }

    private static Optional<BigInteger> value(String digits, String base) {
        try {
            return Optional.of(new BigInteger(digits, Integer.parseInt(base)));
        } catch (NumberFormatException notInThatBase) {
            return Optional.empty(); // a digit the base does not have: no value, so never equal
        }
    }
}
