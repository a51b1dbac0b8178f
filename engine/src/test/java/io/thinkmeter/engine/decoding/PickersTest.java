package io.thinkmeter.engine.decoding;

import static org.junit.jupiter.api.Assertions.*;

import org.junit.jupiter.api.Test;

class PickersTest {

    private static final float NEG_INF = Float.NEGATIVE_INFINITY;

    @Test
    void shouldPickTheArgmax() {
        assertEquals(2, new GreedyPicker().pick(new float[] {1f, -3f, 4f, 3.99f}));
    }

    @Test
    void shouldBreakGreedyTiesTowardsTheLowestId() {
        assertEquals(1, new GreedyPicker().pick(new float[] {0f, 2f, 2f, 2f}));
    }

    @Test
    void shouldNeverPickRemovedTokensGreedily() {
        assertEquals(3, new GreedyPicker().pick(new float[] {NEG_INF, NEG_INF, NEG_INF, -100f}));
    }

    @Test
    void shouldRefuseToPickWhenEveryTokenIsRemoved() {
        assertThrows(IllegalStateException.class, () -> new GreedyPicker().pick(new float[] {NEG_INF, NEG_INF}));
        assertThrows(IllegalStateException.class, () -> new SampledPicker(1).pick(new float[] {NEG_INF, NEG_INF}));
    }

    @Test
    void shouldRepeatDrawsForTheSameSeed() {
        float[] logits = {0f, 0.5f, 1f, -1f, 0.2f};
        SampledPicker a = new SampledPicker(42);
        SampledPicker b = new SampledPicker(42);
        SampledPicker other = new SampledPicker(43);
        boolean differs = false;
        for (int i = 0; i < 200; i++) {
            int x = a.pick(logits);
            assertEquals(x, b.pick(logits), "draw " + i);
            differs |= x != other.pick(logits);
        }
        assertTrue(differs, "another seed gives another stream");
    }

    @Test
    void shouldContinueTheSameStreamInACopy() {
        float[] logits = {0f, 0.5f, 1f, -1f, 0.2f};
        SampledPicker original = new SampledPicker(9);
        for (int i = 0; i < 17; i++) {
            original.pick(logits);
        }
        TokenPicker copy = original.copy();
        int[] fromOriginal = new int[100];
        for (int i = 0; i < fromOriginal.length; i++) {
            fromOriginal[i] = original.pick(logits);
        }
        int[] fromCopy = new int[100];
        for (int i = 0; i < fromCopy.length; i++) {
            fromCopy[i] = copy.pick(logits);
        }
        assertArrayEquals(fromOriginal, fromCopy, "the copy draws what the original drew from the same point");
    }

    @Test
    void shouldSampleInProportionToSoftmaxAndNeverARemovedToken() {
        float[] logits = {(float) Math.log(0.5), NEG_INF, (float) Math.log(0.25), (float) Math.log(0.25)};
        SampledPicker picker = new SampledPicker(1234);
        int[] counts = new int[4];
        int draws = 40_000;
        for (int i = 0; i < draws; i++) {
            counts[picker.pick(logits)]++;
        }
        assertEquals(0, counts[1]);
        assertEquals(0.5, counts[0] / (double) draws, 0.015);
        assertEquals(0.25, counts[2] / (double) draws, 0.015);
        assertEquals(0.25, counts[3] / (double) draws, 0.015);
    }

    @Test
    void shouldAlwaysSampleTheOnlyCandidate() {
        SampledPicker picker = new SampledPicker(5);
        float[] forced = {NEG_INF, NEG_INF, 0f, NEG_INF};
        for (int i = 0; i < 100; i++) {
            assertEquals(2, picker.pick(forced));
        }
    }
}
