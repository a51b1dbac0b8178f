package io.thinkmeter.grading;

/**
 * When two numbers that are not exactly equal still count as equal: relative difference at most 1e-6,
 * and only when a decimal may be an approximation. A number written with a decimal point is taken as
 * an approximation only of a value it cannot state exactly: {@code 0.333333333} equals {@code 1/3}
 * and {@code 3.14159265} equals {@code \pi}, but {@code 0.50000001} does not equal {@code 0.5} nor
 * {@code 1/2}, and {@code 2271381} never equals {@code 2271380}: a value with a terminating decimal
 * expansion has an exact decimal form, so a decimal that differs from it is a different number.
 */
final class Tolerance {

    static final double RELATIVE = 1e-6;

    private Tolerance() {
    }

    /**
     * True when the tolerance may apply: a decimal was written on either side, and the two exact values
     * do not both have terminating decimal expansions.
     */
    static boolean applies(boolean decimalWritten, boolean bothTerminate) {
        return decimalWritten && !bothTerminate;
    }

    /** |a - b| &lt;= 1e-6 * max(|a|, |b|); false for infinities and NaN. */
    static boolean within(double a, double b) {
        if (!Double.isFinite(a) || !Double.isFinite(b)) {
            return false;
        }
        return Math.abs(a - b) <= RELATIVE * Math.max(Math.abs(a), Math.abs(b));
    }

    /** For a relative difference computed elsewhere ({@code |a-b| / max(|a|,|b|)}). */
    static boolean withinRelative(double relativeDifference) {
        return Double.isFinite(relativeDifference) && relativeDifference <= RELATIVE;
    }
}
