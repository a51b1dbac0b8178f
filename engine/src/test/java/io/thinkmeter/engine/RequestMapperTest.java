package io.thinkmeter.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.thinkmeter.contracts.BudgetTiers;
import io.thinkmeter.contracts.Level;
import io.thinkmeter.contracts.Method;
import io.thinkmeter.contracts.Pool;
import io.thinkmeter.contracts.ProblemRequest;
import io.thinkmeter.engine.decoding.BudgetPolicy;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;

class RequestMapperTest {

    private final RequestMapper mapper = new RequestMapper("tiny", new BudgetPolicy(16, BudgetTiers.DEFAULTS,
            StopTemperatureTable.fromCalibration(List.of(new CalibrationRow(1.0, 100, 0.9, 60, 80, 120),
                    new CalibrationRow(3.0, 100, 0.88, 20, 30, 50)), 16, 4)::forBudget), "worker-test");

    private static ProblemRequest ts(int budget, Double tau) {
        return new ProblemRequest(1, "r1", "c1", "acme", "b1", 0, "Compute 1 + 1.", budget, Method.TS, null, tau, null, null,
                0, null, Instant.now());
    }

    @Test
    void shouldGiveATsRequestWithoutTauTheWorkersCalibratedChoice() {
        assertEquals(1.0, mapper.toDecode(ts(100, null)).settings().stopTemperature(), "cap 80 fits p90 80 of tau 1");
        assertEquals(3.0, mapper.toDecode(ts(99, null)).settings().stopTemperature(), "cap 79 does not");
    }

    @Test
    void shouldKeepATauTheRequestNames() {
        assertEquals(2.5, mapper.toDecode(ts(100, 2.5)).settings().stopTemperature());
    }

    private static ProblemRequest tldr(int budget, Level level, Pool pool) {
        return new ProblemRequest(1, "r2", "c2", "acme", "b1", 0, "Compute 1 + 1.", budget, Method.TLDR, level, null, null,
                null, 0, pool, Instant.now());
    }

    @Test
    void aTldrRequestWithoutALevelTakesItsPoolsAndAnExplicitLevelWins() {
        assertEquals(Level.MEDIUM, mapper.toDecode(tldr(20, null, Pool.MEDIUM)).level(),
                "the scheduler's routing decides, not the worker's default tiers (20 would be short)");
        assertEquals(Level.LONG, mapper.toDecode(tldr(20, Level.LONG, Pool.SHORT)).level());
        assertEquals(Level.SHORT, mapper.toDecode(tldr(20, null, null)).level(), "unrouted: the policy's tiers decide");
        assertEquals(null, mapper.toDecode(ts(100, null)).level(), "only tldr has a level");
    }

    @Test
    void shouldClampTheDefaultReserveBelowASmallBudgetAndKeepOneTheRequestNames() {
        assertEquals(16, mapper.toDecode(ts(100, null)).settings().answerReserve());
        assertEquals(11, mapper.toDecode(ts(12, null)).settings().answerReserve(), "budget 12 keeps one token beyond R");
        ProblemRequest named = new ProblemRequest(1, "r3", "c3", "acme", "b1", 0, "Compute 1 + 1.", 100, Method.NONE, null,
                null, 40, null, 0, null, Instant.now());
        assertEquals(40, mapper.toDecode(named).settings().answerReserve());
    }
}
