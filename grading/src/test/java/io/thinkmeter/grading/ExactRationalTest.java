package io.thinkmeter.grading;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.Optional;

class ExactRationalTest {

    @Test
    void shouldReadDecimalsExactly() {
        assertEquals(ratio(3, 20), ExactRational.of(new BigDecimal("0.15")));
        assertEquals(ExactRational.of(27), ExactRational.of(new BigDecimal("27.00")));
        assertEquals(ExactRational.of(25), ExactRational.of(new BigDecimal("025")));
    }

    @Test
    void shouldKeepLowestTermsAndAPositiveDenominator() {
        assertEquals(ratio(-1, 2), new ExactRational(BigInteger.valueOf(2), BigInteger.valueOf(-4)));
    }

    @Test
    void shouldComputeBoundedPowersOnly() {
        assertEquals(Optional.of(ExactRational.of(1024)), ExactRational.of(2).pow(BigInteger.TEN));
        assertEquals(Optional.of(ratio(1, 8)), ExactRational.of(2).pow(BigInteger.valueOf(-3)));
        assertEquals(Optional.empty(), ExactRational.of(10).pow(BigInteger.valueOf(100_000_000)));
        assertEquals(Optional.of(ExactRational.ONE), ExactRational.of(-1).pow(BigInteger.valueOf(100_000_000)));
        assertEquals(Optional.empty(), ExactRational.ZERO.pow(BigInteger.valueOf(-1)));
    }

    @Test
    void shouldKnowWhichDecimalExpansionsEnd() {
        assertTrue(ratio(3, 8).terminates());
        assertTrue(ratio(7, 20).terminates());
        assertFalse(ratio(1, 3).terminates());
        assertFalse(ratio(1, 14).terminates());
    }

    private static ExactRational ratio(long n, long d) {
        return new ExactRational(BigInteger.valueOf(n), BigInteger.valueOf(d));
    }
}
