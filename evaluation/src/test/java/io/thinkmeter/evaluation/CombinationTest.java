package io.thinkmeter.evaluation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.thinkmeter.contracts.BudgetTiers;
import io.thinkmeter.contracts.Level;
import io.thinkmeter.contracts.Method;
import org.junit.jupiter.api.Test;

import java.util.List;

class CombinationTest {

    @Test
    void shouldCrossMethodsWithBudgetsAndTausOnlyForTsAndLevelsOnlyForTldr() {
        List<Combination> c = Combination.expand(List.of(Method.NONE, Method.TS, Method.TLDR), List.of(48, 96),
                List.of(1.0, 4.0), List.of(Level.SHORT));
        assertEquals(List.of(
                new Combination(Method.NONE, 48, null, null), new Combination(Method.NONE, 96, null, null),
                new Combination(Method.TS, 48, 1.0, null), new Combination(Method.TS, 48, 4.0, null),
                new Combination(Method.TS, 96, 1.0, null), new Combination(Method.TS, 96, 4.0, null),
                new Combination(Method.TLDR, 48, null, Level.SHORT), new Combination(Method.TLDR, 96, null, Level.SHORT)), c);
    }

    @Test
    void shouldDropDuplicatesAndRunTsWithTheTablesTauWhenNoneIsGiven() {
        assertEquals(List.of(new Combination(Method.TS, 64, null, null)),
                Combination.expand(List.of(Method.TS, Method.TS), List.of(64, 64), List.of(), List.of()));
    }

    @Test
    void shouldResolveTheLevelOfTldrFromTheBudgetsTier() {
        assertEquals(Level.SHORT, new Combination(Method.TLDR, 64, null, null).effectiveLevel(BudgetTiers.DEFAULTS));
        assertEquals(Level.LONG, new Combination(Method.TLDR, 200, null, null).effectiveLevel(BudgetTiers.DEFAULTS));
        assertEquals(Level.MEDIUM, new Combination(Method.TLDR, 200, null, Level.MEDIUM)
                .effectiveLevel(BudgetTiers.DEFAULTS));
        assertEquals(null, new Combination(Method.NONE, 200, null, null).effectiveLevel(BudgetTiers.DEFAULTS));
        assertEquals(Level.MEDIUM, new Combination(Method.TLDR, 200, null, null).effectiveLevel(new BudgetTiers(64, 256)),
                "the configured tiers decide");
    }

    @Test
    void shouldRefuseSettingsOfAnotherMethod() {
        assertThrows(IllegalArgumentException.class, () -> new Combination(Method.NONE, 48, 2.0, null));
        assertThrows(IllegalArgumentException.class, () -> new Combination(Method.TS, 48, null, Level.SHORT));
        assertThrows(IllegalArgumentException.class, () -> new Combination(Method.TS, 0, null, null));
    }

    @Test
    void shouldCrossBudgetForcingWithEachMinimumZeroBeingNone() {
        List<Combination> c = Combination.expand(List.of(Method.BUDGET_FORCING, Method.TS), List.of(200), List.of(),
                List.of(), List.of(0, 150));
        assertEquals(List.of(new Combination(Method.BUDGET_FORCING, 200, null, null),
                new Combination(Method.BUDGET_FORCING, 200, null, null, 150), new Combination(Method.TS, 200, null, null)), c);
        assertEquals(new Combination(Method.BUDGET_FORCING, 200, null, null),
                new Combination(Method.BUDGET_FORCING, 200, null, null, 0), "a minimum of 0 is none");
    }

    @Test
    void shouldRefuseAMinimumForAnotherMethodBelowZeroOrNotBelowTheBudget() {
        assertThrows(IllegalArgumentException.class, () -> new Combination(Method.TS, 200, null, null, 50));
        assertThrows(IllegalArgumentException.class, () -> new Combination(Method.BUDGET_FORCING, 200, null, null, -1));
        assertThrows(IllegalArgumentException.class, () -> new Combination(Method.BUDGET_FORCING, 200, null, null, 200));
    }
}
