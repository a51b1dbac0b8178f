package io.thinkmeter.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.thinkmeter.contracts.Level;
import org.junit.jupiter.api.Test;

class BudgetTiersTest {

    @Test
    void shouldSortBudgetsAtTheInclusiveThresholds() {
        BudgetTiers tiers = BudgetTiers.defaults();
        assertEquals(Level.SHORT, tiers.tierFor(64));
        assertEquals(Level.MEDIUM, tiers.tierFor(65));
        assertEquals(Level.MEDIUM, tiers.tierFor(128));
        assertEquals(Level.LONG, tiers.tierFor(129));
    }

    @Test
    void shouldRefuseThresholdsOutOfOrder() {
        assertThrows(IllegalArgumentException.class, () -> new BudgetTiers(100, 50));
    }
}
