package io.thinkmeter.grading;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

import java.util.Optional;

class BaseNumeralTest {

    @Test
    void shouldCompareNumeralsWithBasesByValue() {
        assertEquals(Optional.of(true), BaseNumeral.compare("204_5", "204_{5}"));
        assertEquals(Optional.of(true), BaseNumeral.compare("10_5", "5_{10}"));
        assertEquals(Optional.of(false), BaseNumeral.compare("204_5", "204_6"));
    }

    @Test
    void shouldReadABareNumeralInTheOtherSidesBase() {
        assertEquals(Optional.of(true), BaseNumeral.compare("204", "204_5"));
        assertEquals(Optional.of(false), BaseNumeral.compare("54", "204_5"), "the value in base 10 is not what was asked");
        assertEquals(Optional.of(false), BaseNumeral.compare("205", "204_5"), "5 is no digit in base 5");
        assertEquals(Optional.of(false), BaseNumeral.compare("x", "204_5"));
    }

    @Test
    void shouldLeaveOtherThingsToOtherRules() {
        assertEquals(Optional.empty(), BaseNumeral.compare("204", "204"));
        assertEquals(Optional.empty(), BaseNumeral.compare("a_1", "a_{1}"), "a subscripted variable");
        assertEquals(Optional.empty(), BaseNumeral.compare("A_2", "A_2"));
    }
}
