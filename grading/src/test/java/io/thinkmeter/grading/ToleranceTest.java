package io.thinkmeter.grading;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class ToleranceTest {

    @Test
    void shouldApplyOnlyToADecimalAgainstAValueWithoutAnExactDecimal() {
        assertTrue(Tolerance.applies(true, false), "0.333333 against 1/3");
        assertFalse(Tolerance.applies(true, true), "0.50000001 against 0.5");
        assertFalse(Tolerance.applies(false, false), "pi against 355/113: both exact");
    }

    @Test
    void shouldBeRelativeOneInAMillion() {
        assertTrue(Tolerance.within(3.14159265, Math.PI));
        assertFalse(Tolerance.within(3.14, Math.PI));
        assertTrue(Tolerance.within(1e12 + 1, 1e12));
        assertFalse(Tolerance.within(0.5, 0.50001));
        assertTrue(Tolerance.within(0, 0));
        assertFalse(Tolerance.within(Double.NaN, 1));
        assertFalse(Tolerance.within(Double.POSITIVE_INFINITY, Double.POSITIVE_INFINITY));
    }
}
