package io.thinkmeter.grading;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.Optional;

/**
 * An exact fraction of big integers in lowest terms, denominator positive. Numbers written as integers,
 * decimals ({@code 0.15} is 3/20, {@code 27.0} is 27, {@code 025} is 25) and fractions of them are
 * compared exactly with it, so that no tolerance can make {@code 2271380} equal {@code 2271381}.
 */
record ExactRational(BigInteger numerator, BigInteger denominator) implements Comparable<ExactRational> {

    /** Powers are computed only up to this many bits: larger ones go to the symbolic check, or fail. */
    static final int MAX_BITS = 20_000;

    static final ExactRational ZERO = new ExactRational(BigInteger.ZERO, BigInteger.ONE);
    static final ExactRational ONE = new ExactRational(BigInteger.ONE, BigInteger.ONE);

    ExactRational {
        if (denominator.signum() == 0) {
            throw new ArithmeticException("zero denominator");
        }
        if (denominator.signum() < 0) {
            numerator = numerator.negate();
            denominator = denominator.negate();
        }
        BigInteger gcd = numerator.gcd(denominator);
        if (!gcd.equals(BigInteger.ONE) && gcd.signum() != 0) {
            numerator = numerator.divide(gcd);
            denominator = denominator.divide(gcd);
        }
    }

    static ExactRational of(BigDecimal d) {
        return d.scale() <= 0
                ? new ExactRational(d.toBigIntegerExact(), BigInteger.ONE)
                : new ExactRational(d.unscaledValue(), BigInteger.TEN.pow(d.scale()));
    }

    static ExactRational of(long n) {
        return new ExactRational(BigInteger.valueOf(n), BigInteger.ONE);
    }

    ExactRational plus(ExactRational o) {
        return new ExactRational(numerator.multiply(o.denominator).add(o.numerator.multiply(denominator)),
                denominator.multiply(o.denominator));
    }

    ExactRational negate() {
        return new ExactRational(numerator.negate(), denominator);
    }

    ExactRational times(ExactRational o) {
        return new ExactRational(numerator.multiply(o.numerator), denominator.multiply(o.denominator));
    }

    /** Empty when dividing by zero: the expression has no value. */
    Optional<ExactRational> dividedBy(ExactRational o) {
        return o.isZero() ? Optional.empty()
                : Optional.of(new ExactRational(numerator.multiply(o.denominator), denominator.multiply(o.numerator)));
    }

    /** This to an integer power; empty when the result would exceed {@link #MAX_BITS} or divide by zero. */
    Optional<ExactRational> pow(BigInteger exponent) {
        if (isZero() && exponent.signum() < 0) {
            return Optional.empty();
        }
        long bits = Math.max(numerator.bitLength(), denominator.bitLength());
        if (exponent.abs().bitLength() > 31 || bits * exponent.abs().longValue() > MAX_BITS) {
            return bits <= 1 && numerator.abs().equals(BigInteger.ONE) && denominator.equals(BigInteger.ONE)
                    ? Optional.of(exponent.testBit(0) ? this : ONE) // 1 and -1 to any power
                    : Optional.empty();
        }
        int e = exponent.abs().intValue();
        ExactRational r = new ExactRational(numerator.pow(e), denominator.pow(e));
        return exponent.signum() < 0 ? ONE.dividedBy(r) : Optional.of(r);
    }

    boolean isZero() {
        return numerator.signum() == 0;
    }

    boolean isInteger() {
        return denominator.equals(BigInteger.ONE);
    }

    /** True when the decimal expansion ends: the denominator has no prime factor but 2 and 5. */
    boolean terminates() {
        BigInteger d = denominator.shiftRight(denominator.getLowestSetBit());
        BigInteger five = BigInteger.valueOf(5);
        while (d.mod(five).signum() == 0) {
            d = d.divide(five);
        }
        return d.equals(BigInteger.ONE);
    }

    double toDouble() {
        return new BigDecimal(numerator).divide(new BigDecimal(denominator), java.math.MathContext.DECIMAL64)
                .doubleValue();
    }

    @Override
    public int compareTo(ExactRational o) {
        return numerator.multiply(o.denominator).compareTo(o.numerator.multiply(denominator));
    }

    @Override
    public String toString() {
        return isInteger() ? numerator.toString() : numerator + "/" + denominator;
    }
}
