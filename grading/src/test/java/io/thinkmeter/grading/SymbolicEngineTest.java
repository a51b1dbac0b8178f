package io.thinkmeter.grading;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

import java.time.Duration;

/** Symbolic checks are bounded in time and never hang the caller, whatever Symja does. */
class SymbolicEngineTest {

    @Test
    void shouldStopASlowSymjaJobAtItsTimeoutAndWorkAfterwards() throws Exception {
        try (SymbolicEngine engine = new SymbolicEngine()) {
            engine.start();
            long started = System.nanoTime();
            SymbolicFailure f = assertThrows(SymbolicFailure.class, () -> engine.run(
                    e -> e.evaluate(e.parse("Simplify((x+y+z+1)^40 - (x+y+z+2)^40)")), Duration.ofMillis(300)));
            long tookMillis = (System.nanoTime() - started) / 1_000_000;
            assertTrue(f.getMessage().contains("timed out"), f.getMessage());
            assertTrue(tookMillis < 300 + 1_500, "returned after " + tookMillis + " ms");
            assertEquals("2", engine.run(e -> e.evaluate(e.parse("1+1")).toString(), Duration.ofSeconds(5)));
        }
    }

    @Test
    void shouldAbandonAThreadThatIgnoresStoppingThenRefuseAfterSeveral() throws Exception {
        try (SymbolicEngine engine = new SymbolicEngine()) {
            engine.start();
            for (int i = 0; i < SymbolicEngine.MAX_ABANDONED_THREADS; i++) {
                long started = System.nanoTime();
                assertThrows(SymbolicFailure.class, () -> engine.run(e -> spinIgnoringInterrupts(), Duration.ofMillis(100)));
                long tookMillis = (System.nanoTime() - started) / 1_000_000;
                assertTrue(tookMillis < 100 + 2_000, "returned after " + tookMillis + " ms");
                if (i + 1 < SymbolicEngine.MAX_ABANDONED_THREADS) {
                    assertEquals("2", engine.run(e -> e.evaluate(e.parse("1+1")).toString(), Duration.ofSeconds(10)),
                            "a fresh thread takes over");
                }
            }
            SymbolicFailure disabled = assertThrows(SymbolicFailure.class, () -> engine.run(e -> 1, Duration.ofSeconds(1)));
            assertTrue(disabled.getMessage().contains("disabled"), disabled.getMessage());
        }
    }

    @Test
    void shouldReportAnExceptionInTheJob() throws Exception {
        try (SymbolicEngine engine = new SymbolicEngine()) {
            SymbolicFailure f = assertThrows(SymbolicFailure.class, () -> engine.run(e -> {
                throw new IllegalStateException("boom");
            }, Duration.ofSeconds(5)));
            assertTrue(f.getMessage().contains("boom"), f.getMessage());
        }
    }

    @Test
    void shouldTreatASpentBudgetAsUnequal() {
        try (AnswerGrader grader = new AnswerGrader(Duration.ZERO)) {
            Verdict v = grader.grade("\\sqrt{8}", "2\\sqrt{2}");
            assertFalse(v.equal());
            assertTrue(v.notes().toString().contains("budget"), v.notes().toString());
            assertTrue(grader.equal("\\frac{1}{2}", "0.5"), "rationals need no symbolic time");
        }
    }

    @Test
    void shouldRefuseRunawayInputsBeforeSymja() {
        Verdict v = SharedGrader.GRADER.grade("10^{10^{8}}", "10^{10^{8}}+1");
        assertFalse(v.equal());
        assertTrue(v.notes().toString().contains("not checked symbolically"), v.notes().toString());
        assertFalse(SharedGrader.GRADER.equal("\\binom{10000000}{5000000}", "1"));
    }

    /**
     * Busy for 2 s whatever happens, like Symja deep in big-integer arithmetic, deaf to stop requests:
     * longer than the engine's one-second grace, so the thread is abandoned, and short enough to end soon.
     */
    private static int spinIgnoringInterrupts() {
        long end = System.nanoTime() + 2_000_000_000L;
        long n = 0;
        while (System.nanoTime() < end) {
            n++;
        }
        return (int) n;
    }
}
