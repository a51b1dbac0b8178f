package io.thinkmeter.engine.decoding;

import java.util.Arrays;

/**
 * Nucleus sampling: keeps the smallest set of most likely tokens whose probability reaches p, and
 * at least the most likely one. Never forces.
 *
 * <p>The set is found as a logit threshold: walk the logits from the largest down until the mass
 * reaches p, then remove every token below the logit reached. Tokens tied with that last logit are
 * all kept, so no token is favoured by its id.
 */
public final class TopP implements Intervention {

    /**
     * Slack on "reaches p": probabilities are sums of rounded exponentials, and a set whose exact
     * mass is p (0.5 + 0.3 for p = 0.8) must not be judged short by the last bit.
     */
    private static final double SLACK = 1e-9;

    private final double p;
    /** Sorted copy of the finite logits; reused across calls, grown only when the vocabulary is larger. */
    private float[] scratch = new float[0];

    public TopP(double p) {
        if (!(p > 0 && p <= 1)) {
            throw new IllegalArgumentException("top-p must be in (0, 1], got " + p);
        }
        this.p = p;
    }

    public double p() {
        return p;
    }

    @Override
    public void apply(float[] logits) {
        if (p == 1) {
            return;
        }
        if (scratch.length < logits.length) {
            scratch = new float[logits.length];
        }
        // Only finite candidates are sorted: after top-k that is k values, not the whole vocabulary.
        int n = 0;
        for (float x : logits) {
            if (x > Float.NEGATIVE_INFINITY) {
                scratch[n++] = x;
            }
        }
        if (n <= 1) {
            return;
        }
        Arrays.sort(scratch, 0, n);
        float max = scratch[n - 1];
        if (max == Float.POSITIVE_INFINITY) {
            return;
        }
        double total = 0;
        for (int i = 0; i < n; i++) {
            total += Math.exp((double) scratch[i] - max);
        }
        double target = p * total * (1 - SLACK);
        double cumulative = 0;
        float threshold = max;
        for (int i = n - 1; i >= 0; i--) {
            threshold = scratch[i];
            cumulative += Math.exp((double) threshold - max);
            if (cumulative >= target) {
                break;
            }
        }
        for (int i = 0; i < logits.length; i++) {
            if (logits[i] < threshold) {
                logits[i] = Float.NEGATIVE_INFINITY;
            }
        }
    }

    @Override
    public void accept(int token) {}

    @Override
    public boolean forcing() {
        return false;
    }

    /** A new instance: the scratch buffer must not be shared between sequences decoded in parallel. */
    @Override
    public Intervention copy() {
        return new TopP(p);
    }
}
