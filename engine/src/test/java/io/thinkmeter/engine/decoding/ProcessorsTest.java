package io.thinkmeter.engine.decoding;

import static org.junit.jupiter.api.Assertions.*;

import org.junit.jupiter.api.Test;

class ProcessorsTest {

    private static final float NEG_INF = Float.NEGATIVE_INFINITY;

    private static float[] logProbs(double... p) {
        float[] logits = new float[p.length];
        for (int i = 0; i < p.length; i++) {
            logits[i] = (float) Math.log(p[i]);
        }
        return logits;
    }

    private static boolean[] kept(float[] logits) {
        boolean[] kept = new boolean[logits.length];
        for (int i = 0; i < logits.length; i++) {
            kept[i] = logits[i] > NEG_INF;
        }
        return kept;
    }

    @Test
    void shouldDivideLogitsByTemperature() {
        float[] logits = {2f, -4f, NEG_INF, 0f};
        new TemperatureScaling(0.5).apply(logits);
        assertArrayEquals(new float[] {4f, -8f, NEG_INF, 0f}, logits);
        new TemperatureScaling(2).apply(logits);
        assertArrayEquals(new float[] {2f, -4f, NEG_INF, 0f}, logits);
    }

    @Test
    void shouldRejectTemperatureThatIsNotPositive() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new TemperatureScaling(0));
        assertEquals("temperature must be positive and finite, got 0.0", e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new TemperatureScaling(Double.NaN));
    }

    @Test
    void shouldKeepExactlyTheTopKTokens() {
        float[] logits = {1f, 5f, 3f, 4f, 2f};
        new TopK(2).apply(logits);
        assertArrayEquals(new float[] {NEG_INF, 5f, NEG_INF, 4f, NEG_INF}, logits);
        assertFalse(new TopK(2).forcing());
    }

    @Test
    void shouldKeepTokensTiedWithTheKthLogit() {
        float[] logits = {3f, 3f, 1f, 3f};
        new TopK(2).apply(logits);
        assertArrayEquals(new boolean[] {true, true, false, true}, kept(logits));
    }

    @Test
    void shouldLeaveLogitsAloneWhenKCoversTheVocabulary() {
        float[] logits = {1f, NEG_INF, 3f};
        new TopK(3).apply(logits);
        assertArrayEquals(new float[] {1f, NEG_INF, 3f}, logits);
        float[] fewFinite = {1f, NEG_INF, 3f, NEG_INF, NEG_INF};
        new TopK(3).apply(fewFinite);
        assertArrayEquals(new float[] {1f, NEG_INF, 3f, NEG_INF, NEG_INF}, fewFinite);
    }

    @Test
    void shouldGiveSameTopKOnEveryCall() {
        TopK topK = new TopK(3);
        for (int round = 0; round < 3; round++) {
            float[] logits = {0.5f, 9f, -2f, 7f, 8f, 1f};
            topK.apply(logits);
            assertArrayEquals(new boolean[] {false, true, false, true, true, false}, kept(logits), "round " + round);
        }
    }

    @Test
    void shouldRejectKBelowOne() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new TopK(0));
        assertEquals("top-k must be at least 1, got 0", e.getMessage());
    }

    @Test
    void shouldKeepSmallestSetReachingTopP() {
        double[] p = {0.15, 0.5, 0.05, 0.3};
        float[] logits = logProbs(p);
        new TopP(0.8).apply(logits);
        assertArrayEquals(new boolean[] {false, true, false, true}, kept(logits), "0.5 + 0.3 reaches 0.8");

        logits = logProbs(p);
        new TopP(0.81).apply(logits);
        assertArrayEquals(new boolean[] {true, true, false, true}, kept(logits));

        logits = logProbs(p);
        new TopP(0.5).apply(logits);
        assertArrayEquals(new boolean[] {false, true, false, false}, kept(logits));

        logits = logProbs(p);
        new TopP(0.96).apply(logits);
        assertArrayEquals(new boolean[] {true, true, true, true}, kept(logits));
    }

    @Test
    void shouldAlwaysKeepTheMostLikelyToken() {
        float[] logits = logProbs(0.2, 0.3, 0.5);
        new TopP(0.01).apply(logits);
        assertArrayEquals(new boolean[] {false, false, true}, kept(logits));
    }

    @Test
    void shouldLeaveUnnormalisedAndRemovedLogitsConsistent() {
        // Shifted logits, with a removed token: the same set as for the probabilities 0.5, 0.3, 0.2.
        float[] logits = {NEG_INF, 10f + (float) Math.log(0.5), 10f + (float) Math.log(0.3), 10f + (float) Math.log(0.2)};
        float kept1 = logits[1];
        float kept2 = logits[2];
        new TopP(0.75).apply(logits);
        assertArrayEquals(new float[] {NEG_INF, kept1, kept2, NEG_INF}, logits, "kept logits unchanged");
    }

    @Test
    void shouldLeaveLogitsAloneWhenTopPIsOne() {
        float[] logits = {1f, 2f, 3f};
        new TopP(1).apply(logits);
        assertArrayEquals(new float[] {1f, 2f, 3f}, logits);
    }

    @Test
    void shouldRejectTopPOutsideUnitInterval() {
        for (double p : new double[] {0, -0.1, 1.5, Double.NaN}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new TopP(p));
            assertEquals("top-p must be in (0, 1], got " + p, e.getMessage());
        }
    }

    @Test
    void shouldGiveIndependentCopiesOfProcessors() {
        assertNotSame(new TopK(2), new TopK(2).copy());
        TopP topP = new TopP(0.5);
        assertNotSame(topP, topP.copy());
        assertEquals(0.5, ((TopP) topP.copy()).p());
    }
}
