package io.thinkmeter.grading;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class UnitsTest {

    @Test
    void shouldSplitUnitsInText() {
        assertEquals(new Units.Quantity("15", "cm^2"), Units.split("15\\text{ cm}^2"));
        assertEquals(new Units.Quantity("864", "inch^2"), Units.split("864 \\text{ inches}^2"));
        assertEquals(new Units.Quantity("5.4", "cent"), Units.split("5.4 \\text{ cents}"));
        assertEquals(new Units.Quantity("\\frac{270}7", "degree"), Units.split("\\frac{270}7\\text{ degrees}"));
        assertEquals(new Units.Quantity("12", "apple"), Units.split("12 \\text{apples}"));
    }

    @Test
    void shouldSplitKnownBareUnitWordsAfterASpaceOnly() {
        assertEquals(new Units.Quantity("12", "inch"), Units.split("12 inches"));
        assertEquals(new Units.Quantity("16", "unit^2"), Units.split("16 square units"));
        assertEquals(new Units.Quantity("6m", null), Units.split("6m"));
        assertEquals(new Units.Quantity("2 x", null), Units.split("2 x"), "x is no unit");
    }

    @Test
    void shouldSplitDegreesPercentAndDollars() {
        assertEquals(new Units.Quantity("30", "degree"), Units.split("30^\\circ"));
        assertEquals(new Units.Quantity("8", "percent"), Units.split("8 %"));
        assertEquals(new Units.Quantity("18.90", "dollar"), Units.split("\\$18.90"));
        assertEquals(new Units.Quantity("-5", "dollar"), Units.split("-\\$5"));
    }

    @Test
    void shouldLeaveAUnitAloneWhole() {
        assertEquals(new Units.Quantity("\\text{east}", null), Units.split("\\text{east}"));
    }

    @Test
    void shouldCanonicaliseSpellings() {
        assertEquals("cm^2", Units.canonical("square centimeters", null));
        assertEquals("cm^2", Units.canonical("cm", "2"));
        assertEquals("inch", Units.canonical("Inches", null));
        assertEquals("apple", Units.canonical("apples", null));
    }

    @Test
    void shouldMatchOnlyAgreeingOrMissingUnits() {
        assertTrue(Units.compatible("cm", "cm"));
        assertTrue(Units.compatible(null, "percent"));
        assertFalse(Units.compatible("cm", "m"));
        assertFalse(Units.compatible("dollar", "cent"));
    }
}
