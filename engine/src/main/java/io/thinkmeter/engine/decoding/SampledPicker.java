package io.thinkmeter.engine.decoding;

/**
 * Draws a token from softmax(logits) with a seeded random stream.
 *
 * <p>The stream is SplitMix64 (the generator behind {@link java.util.SplittableRandom}) kept by hand,
 * because SplittableRandom cannot be copied in place: its {@code split()} starts a different stream,
 * while {@link #copy} must continue this one so a copied sequence draws exactly what the original
 * would have drawn.
 */
public final class SampledPicker implements TokenPicker {

    private static final long GOLDEN_GAMMA = 0x9e3779b97f4a7c15L;

    private long state;

    public SampledPicker(long seed) {
        this.state = seed;
    }

    private SampledPicker(SampledPicker other) {
        this.state = other.state;
    }

    @Override
    public int pick(float[] logits) {
        float max = Float.NEGATIVE_INFINITY;
        for (float x : logits) {
            if (x > max) {
                max = x;
            }
        }
        if (max == Float.NEGATIVE_INFINITY) {
            throw new IllegalStateException("no token to pick: all " + logits.length + " logits are -inf or NaN");
        }
        // A +inf logit takes all the mass; exp(inf - inf) would be NaN, so pick it outright.
        if (max == Float.POSITIVE_INFINITY) {
            return Logits.argmax(logits);
        }
        double total = 0;
        for (float x : logits) {
            if (x > Float.NEGATIVE_INFINITY) {
                total += Math.exp((double) x - max);
            }
        }
        double target = nextDouble() * total;
        double cumulative = 0;
        int last = -1;
        for (int i = 0; i < logits.length; i++) {
            float x = logits[i];
            if (x > Float.NEGATIVE_INFINITY) {
                cumulative += Math.exp((double) x - max);
                last = i;
                if (cumulative > target) {
                    return i;
                }
            }
        }
        // Rounding can leave the running sum a hair below the target; the last candidate owns that gap.
        return last;
    }

    @Override
    public TokenPicker copy() {
        return new SampledPicker(this);
    }

    private double nextDouble() {
        return (nextLong() >>> 11) * 0x1.0p-53;
    }

    private long nextLong() {
        long z = (state += GOLDEN_GAMMA);
        z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
        z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
        return z ^ (z >>> 31);
    }
}
