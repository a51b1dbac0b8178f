package io.thinkmeter.contracts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class BudgetTiersTest {

    @Test
    void shouldSortBudgetsAtTheInclusiveThresholds() {
        BudgetTiers tiers = BudgetTiers.DEFAULTS;
        assertEquals(Pool.SHORT, tiers.poolFor(64));
        assertEquals(Pool.MEDIUM, tiers.poolFor(65));
        assertEquals(Pool.MEDIUM, tiers.poolFor(128));
        assertEquals(Pool.LONG, tiers.poolFor(129));
        assertEquals(Pool.SHORT, new BudgetTiers(32, 256).poolFor(20));
        assertEquals(Pool.LONG, new BudgetTiers(8, 16).poolFor(20));
    }

    @Test
    void aPoolsTldrLevelIsItsName() {
        assertEquals(Level.SHORT, BudgetTiers.levelOf(Pool.SHORT));
        assertEquals(Level.LONG, BudgetTiers.levelOf(Pool.LONG));
    }

    @Test
    void shouldRefuseThresholdsOutOfOrder() {
        assertThrows(IllegalArgumentException.class, () -> new BudgetTiers(100, 50));
        assertThrows(IllegalArgumentException.class, () -> new BudgetTiers(0, 50));
    }
}
