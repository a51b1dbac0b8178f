package io.thinkmeter.engine.decoding;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.thinkmeter.contracts.BudgetTiers;
import io.thinkmeter.contracts.Level;
import io.thinkmeter.contracts.Method;
import io.thinkmeter.contracts.Pool;
import org.junit.jupiter.api.Test;

class BudgetPolicyTest {

    /** Default reserve 16; tau 4 up to budget 96, else 1 (a stand-in for a model's table). */
    private final BudgetPolicy policy = new BudgetPolicy(16, BudgetTiers.DEFAULTS, budget -> budget <= 96 ? 4.0 : 1.0);

    @Test
    void shouldComputeTheThinkingCapSoTheTotalFitsTheBudget() {
        assertEquals(100 - 20 - 3, BudgetPolicy.thinkingCap(100, 20, 3));
        assertEquals(0, BudgetPolicy.thinkingCap(10, 8, 3), "reserve does not fit: force at once");
        assertEquals(1, BudgetPolicy.thinkingCap(4, 0, 3), "smallest budget leaves one thinking token");
        assertThrows(IllegalArgumentException.class, () -> BudgetPolicy.thinkingCap(100, -1, 3));
    }

    @Test
    void shouldClampTheDefaultReserveSoASmallBudgetStillRuns() {
        assertEquals(16, policy.answerReserve(null, 100));
        assertEquals(16, policy.answerReserve(null, 17));
        assertEquals(11, policy.answerReserve(null, 12), "decode --budget 12 with reserve 16");
        assertEquals(0, policy.answerReserve(null, 1));
        assertEquals(40, policy.answerReserve(40, 100), "a reserve the request names is kept");
    }

    @Test
    void shouldChooseTauFromTheTableOnlyForTsWithoutOne() {
        assertEquals(4.0, policy.stopTemperature(Method.TS, null, 96));
        assertEquals(1.0, policy.stopTemperature(Method.TS, null, 97));
        assertEquals(2.5, policy.stopTemperature(Method.TS, 2.5, 96), "a tau the request names wins");
        assertEquals(BudgetPolicy.NO_STOP_TEMPERATURE, policy.stopTemperature(Method.BUDGET_FORCING, null, 96));
    }

    @Test
    void shouldGiveTldrTheNamedLevelElseThePoolsElseTheBudgetsTier() {
        assertEquals(Level.LONG, policy.level(Method.TLDR, Level.LONG, Pool.SHORT, 20));
        assertEquals(Level.MEDIUM, policy.level(Method.TLDR, null, Pool.MEDIUM, 20), "the scheduler's routing decides");
        assertEquals(Level.SHORT, policy.level(Method.TLDR, null, null, 64));
        assertEquals(Level.MEDIUM, policy.level(Method.TLDR, null, null, 65));
        assertEquals(Level.LONG, policy.level(Method.TLDR, null, null, 129));
        assertNull(policy.level(Method.TS, null, Pool.MEDIUM, 100), "only tldr has a level by default");
        assertEquals(Level.SHORT, policy.level(Method.NONE, Level.SHORT, null, 100), "a named level is kept");
    }

    @Test
    void shouldFollowConfiguredTiers() {
        BudgetPolicy wide = new BudgetPolicy(16, new BudgetTiers(32, 256), budget -> 1.0);
        assertEquals(Level.MEDIUM, wide.level(Method.TLDR, null, null, 200));
        assertEquals(Level.SHORT, wide.level(Method.TLDR, null, null, 32));
    }

    @Test
    void shouldFillInEverySettingARequestLeavesOpen() {
        DecodeSettings s = policy.settings(Method.TS, 12, null, null, 0, 0, Sampling.greedy());
        assertEquals(new DecodeSettings(Method.TS, 12, 11, 4.0, 0, 0, Sampling.greedy()), s);
        assertEquals(4.0, s.stopTemperatureUsed());
        assertNull(policy.settings(Method.NONE, 12, null, null, 0, 0, Sampling.greedy()).stopTemperatureUsed());
    }

    @Test
    void shouldRefuseANegativeDefaultReserve() {
        assertThrows(IllegalArgumentException.class, () -> new BudgetPolicy(-1, BudgetTiers.DEFAULTS, b -> 1.0));
    }
}
