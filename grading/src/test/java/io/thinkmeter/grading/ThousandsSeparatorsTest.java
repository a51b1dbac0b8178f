package io.thinkmeter.grading;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class ThousandsSeparatorsTest {

    @Test
    void shouldDropExplicitSeparatorsAnywhere() {
        assertEquals("10080", ThousandsSeparators.explicit("10,\\!080"));
        assertEquals("11111111100", ThousandsSeparators.explicit("11,\\! 111,\\! 111,\\! 100"));
        assertEquals("\\$32348", ThousandsSeparators.explicit("\\$32,\\!348"));
        assertEquals("1000", ThousandsSeparators.explicit("1{,}000"));
        assertEquals("10000", ThousandsSeparators.explicit("10\\,000"));
        assertEquals("(1000, 2)", ThousandsSeparators.explicit("(1,\\!000, 2)"));
    }

    @Test
    void shouldKeepCommasThatSeparateAnswers() {
        assertEquals("1,\\!00", ThousandsSeparators.explicit("1,\\!00"), "a group of two digits is no thousands group");
        assertEquals("3, 5, 7", ThousandsSeparators.explicit("3, 5, 7"));
    }

    @Test
    void shouldTakeOnlyAWholePlainlyGroupedNumber() {
        assertTrue(ThousandsSeparators.isPlainlyGrouped("58,500"));
        assertTrue(ThousandsSeparators.isPlainlyGrouped("-1,234,567.25"));
        assertFalse(ThousandsSeparators.isPlainlyGrouped("1, 000"), "a space after the comma: a list");
        assertFalse(ThousandsSeparators.isPlainlyGrouped("5,10"));
        assertFalse(ThousandsSeparators.isPlainlyGrouped("2500,7500"));
        assertFalse(ThousandsSeparators.isPlainlyGrouped("(1,000)"), "in brackets: a pair");
        assertFalse(ThousandsSeparators.isPlainlyGrouped("1234,567"));
    }
}
