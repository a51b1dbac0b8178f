package io.thinkmeter.engine.decoding;

import static org.junit.jupiter.api.Assertions.*;

import java.util.Random;
import org.junit.jupiter.api.Test;

class StopTemperatureTest {

    private static final int THINK_END = 1;

    private static double prob(float logit) {
        return Math.exp(logit);
    }

    @Test
    void shouldRaiseThinkEndToSquareRootWithTauTwoOnUniformLogits() {
        float[] logits = new float[4];
        new StopTemperature(2, THINK_END).apply(logits);
        // p = 0.25 -> p' = 0.5; the other three share 0.5 equally. Logits are written as log-probs.
        assertEquals(0.5, prob(logits[THINK_END]), 1e-6);
        for (int i : new int[] {0, 2, 3}) {
            assertEquals(1.0 / 6, prob(logits[i]), 1e-6, "token " + i);
        }
    }

    @Test
    void shouldLowerThinkEndWhenTauBelowOne() {
        float[] logits = new float[4];
        new StopTemperature(0.5, THINK_END).apply(logits);
        // p = 0.25 -> p' = 0.25^2 = 0.0625; the others share 0.9375.
        assertEquals(0.0625, prob(logits[THINK_END]), 1e-6);
        for (int i : new int[] {0, 2, 3}) {
            assertEquals(0.9375 / 3, prob(logits[i]), 1e-6, "token " + i);
        }
    }

    @Test
    void shouldKeepOtherTokensInTheirOriginalProportion() {
        float[] logits = {(float) Math.log(0.1), (float) Math.log(0.3), (float) Math.log(0.4), (float) Math.log(0.2)};
        new StopTemperature(3, THINK_END).apply(logits);
        double pNew = Math.pow(0.3, 1.0 / 3);
        assertEquals(pNew, prob(logits[THINK_END]), 1e-6);
        assertEquals(0.1 / 0.7 * (1 - pNew), prob(logits[0]), 1e-6);
        assertEquals(0.4 / 0.7 * (1 - pNew), prob(logits[2]), 1e-6);
        assertEquals(0.2 / 0.7 * (1 - pNew), prob(logits[3]), 1e-6);
    }

    @Test
    void shouldLeaveLogitsUntouchedWhenTauIsOne() {
        float[] logits = {0.3f, -1.7f, 2.5f, Float.NEGATIVE_INFINITY};
        float[] before = logits.clone();
        new StopTemperature(1, THINK_END).apply(logits);
        assertArrayEquals(before, logits, "tau = 1 is skipped, so not even a rounding change");
    }

    @Test
    void shouldMatchSoftmaxOfInputUpToShiftWhenTauIsNearOne() {
        float[] logits = {0.3f, -1.7f, 2.5f, 0.9f};
        double[] before = Vocab.softmax(logits);
        new StopTemperature(1 + 1e-12, THINK_END).apply(logits);
        double[] after = Vocab.softmax(logits);
        for (int i = 0; i < logits.length; i++) {
            assertEquals(before[i], after[i], 1e-6);
        }
    }

    @Test
    void shouldDoNothingInTheAnswerPhase() {
        StopTemperature st = new StopTemperature(4, THINK_END);
        st.accept(0);
        assertEquals(StopTemperature.State.THINKING, st.state());
        st.accept(THINK_END);
        assertEquals(StopTemperature.State.ANSWERING, st.state());
        float[] logits = {0.3f, -1.7f, 2.5f, 0.9f};
        float[] before = logits.clone();
        st.apply(logits);
        assertArrayEquals(before, logits);
        assertFalse(st.forcing());
    }

    @Test
    void shouldKeepZeroProbabilityAtZero() {
        float[] logits = {0.3f, Float.NEGATIVE_INFINITY, 2.5f, 0.9f};
        float[] before = logits.clone();
        new StopTemperature(5, THINK_END).apply(logits);
        assertArrayEquals(before, logits);
    }

    @Test
    void shouldKeepCertainThinkEndCertain() {
        float[] logits = {Float.NEGATIVE_INFINITY, 1f, Float.NEGATIVE_INFINITY, Float.NEGATIVE_INFINITY};
        float[] before = logits.clone();
        new StopTemperature(0.2, THINK_END).apply(logits);
        assertArrayEquals(before, logits);
    }

    @Test
    void shouldStayAccurateWhenThinkEndIsNearlyCertain() {
        // 1 - p is about 3 e^-40: p rounds to 1 in float, but the other tokens must still get
        // (1 - p')/(1 - p) of their mass, which tends to 1/tau.
        float[] logits = {-40f, 0f, -40f, -40f};
        new StopTemperature(2, THINK_END).apply(logits);
        for (int i : new int[] {0, 2, 3}) {
            assertEquals(-40 - Math.log(2), logits[i], 1e-4, "token " + i);
        }
        assertEquals(0.0, logits[THINK_END], 1e-12);

        // Beyond double range for 1 - p itself (e^-800).
        float[] extreme = {-800f, 0f, -800f, -800f};
        new StopTemperature(4, THINK_END).apply(extreme);
        assertEquals(-800 - Math.log(4), extreme[0], 1e-3);
        assertFalse(Float.isInfinite(extreme[0]), "other tokens must not be wiped out");
    }

    @Test
    void shouldStayAccurateWhenThinkEndIsNearlyImpossible() {
        float[] logits = {0f, -60f, 0f, 0f};
        new StopTemperature(2, THINK_END).apply(logits);
        double logP = -60 - Math.log(3 + Math.exp(-60));
        assertEquals(logP / 2, logits[THINK_END], 1e-4);
        for (int i : new int[] {0, 2, 3}) {
            assertEquals(1.0 / 3 * (1 - Math.exp(logP / 2)), prob(logits[i]), 1e-7);
        }
    }

    @Test
    void shouldGiveThinkEndPowerOfProbabilityAndSumToOneOnRandomLogits() {
        Random random = new Random(7);
        for (int trial = 0; trial < 500; trial++) {
            float[] logits = new float[5];
            for (int i = 0; i < logits.length; i++) {
                logits[i] = (float) (random.nextGaussian() * 4);
            }
            double p = Vocab.softmax(logits)[THINK_END];
            double tau = Math.exp(random.nextGaussian());
            new StopTemperature(tau, THINK_END).apply(logits);
            double sum = 0;
            for (float x : logits) {
                sum += prob(x);
            }
            assertEquals(1.0, sum, 1e-5, "log-probs written back, trial " + trial);
            assertEquals(Math.pow(p, 1 / tau), prob(logits[THINK_END]), 1e-5, "trial " + trial);
        }
    }

    @Test
    void shouldFlipGreedyChoiceExactlyWhenNewThinkEndProbabilityReachesBestAlternative() {
        // q = (0.5, 0.2, 0.2, 0.1): greedy picks token 0 until p' >= 0.5 (1 - p') / 0.8.
        float[] base = {(float) Math.log(0.5), (float) Math.log(0.2), (float) Math.log(0.2), (float) Math.log(0.1)};
        GreedyPicker greedy = new GreedyPicker();
        int flips = 0;
        for (double tau = 0.2; tau < 20; tau *= 1.07) {
            float[] logits = base.clone();
            new StopTemperature(tau, THINK_END).apply(logits);
            double pNew = Math.pow(0.2, 1 / tau);
            double bestAlternative = 0.5 * (1 - pNew) / 0.8;
            if (Math.abs(pNew - bestAlternative) < 1e-5) {
                continue; // too close to call in float
            }
            boolean expectThinkEnd = pNew >= bestAlternative;
            assertEquals(expectThinkEnd, greedy.pick(logits) == THINK_END, "tau " + tau);
            flips += expectThinkEnd ? 1 : 0;
        }
        assertTrue(flips > 0, "the sweep must reach the flipped side");
    }

    @Test
    void shouldNotChangeAnythingWhenApplyIsRepeatedWithoutAccept() {
        StopTemperature st = new StopTemperature(2, THINK_END);
        float[] first = {0.3f, -1.7f, 2.5f, 0.9f};
        float[] second = first.clone();
        st.apply(first);
        st.apply(second);
        assertArrayEquals(first, second);
        assertEquals(StopTemperature.State.THINKING, st.state());
    }

    @Test
    void shouldKeepPhaseInCopyAndStayIndependent() {
        StopTemperature st = new StopTemperature(2, THINK_END);
        StopTemperature thinkingCopy = (StopTemperature) st.copy();
        st.accept(THINK_END);
        StopTemperature answeringCopy = (StopTemperature) st.copy();
        assertEquals(StopTemperature.State.THINKING, thinkingCopy.state());
        assertEquals(StopTemperature.State.ANSWERING, answeringCopy.state());
        float[] logits = new float[4];
        thinkingCopy.apply(logits);
        assertEquals(0.5, prob(logits[THINK_END]), 1e-6);
    }

    @Test
    void shouldRejectTauThatIsNotPositiveAndFinite() {
        for (double tau : new double[] {0, -1, Double.NaN, Double.POSITIVE_INFINITY}) {
            IllegalArgumentException e =
                    assertThrows(IllegalArgumentException.class, () -> new StopTemperature(tau, THINK_END));
            assertEquals("stop temperature tau must be positive and finite, got " + tau, e.getMessage());
        }
    }
}
