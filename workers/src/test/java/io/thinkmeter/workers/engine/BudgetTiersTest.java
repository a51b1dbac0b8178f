package io.thinkmeter.workers.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class BudgetTiersTest {

    @Test
    void shouldSortBudgetsAtTheInclusiveThresholds() {
        BudgetTiers tiers = BudgetTiers.defaults();
        assertEquals("short", tiers.tierFor(64));
        assertEquals("medium", tiers.tierFor(65));
        assertEquals("medium", tiers.tierFor(128));
        assertEquals("long", tiers.tierFor(129));
    }

    @Test
    void shouldRefuseThresholdsOutOfOrder() {
        assertThrows(IllegalArgumentException.class, () -> new BudgetTiers(100, 50));
    }
}
