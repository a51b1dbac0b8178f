package io.thinkmeter.engine.decoding;

/**
 * Temperature-scaled stopping: reshapes the probability of ending the thinking phase.
 *
 * <pre>
 * States and transitions:
 *   THINKING  --accept(thinkEnd)--> ANSWERING
 *   ANSWERING (final; apply does nothing)
 * </pre>
 *
 * <p>In THINKING, with p the softmax probability of think-end under the logits received (already
 * divided by the sampler temperature earlier in the chain), think-end gets p' = p^(1/tau) and every
 * other token i keeps its share of the rest: log q'_i = log q_i + log(1 - p') - log(1 - p). The
 * result is written back as log-probabilities, which are valid logits. tau &gt; 1 raises p' (thinking
 * stops sooner), tau &lt; 1 lowers it, tau = 1 is the identity and is skipped. p = 0 and p = 1 are
 * fixed points and leave the logits untouched.
 *
 * <p>Under greedy decoding think-end is chosen exactly when p' is at least the largest rescaled
 * alternative, max_i q_i (1 - p') / (1 - p).
 *
 * <p>Never forces: it only moves probability mass.
 */
public final class StopTemperature implements Intervention {

    public enum State { THINKING, ANSWERING }

    private final double tau;
    private final int thinkEnd;
    private State state = State.THINKING;

    public StopTemperature(double tau, int thinkEndToken) {
        if (!(tau > 0) || Double.isInfinite(tau)) {
            throw new IllegalArgumentException("stop temperature tau must be positive and finite, got " + tau);
        }
        if (thinkEndToken < 0) {
            throw new IllegalArgumentException("think-end token id must be >= 0, got " + thinkEndToken);
        }
        this.tau = tau;
        this.thinkEnd = thinkEndToken;
    }

    private StopTemperature(StopTemperature other) {
        this.tau = other.tau;
        this.thinkEnd = other.thinkEnd;
        this.state = other.state;
    }

    public double tau() {
        return tau;
    }

    public State state() {
        return state;
    }

    @Override
    public void apply(float[] logits) {
        if (state != State.THINKING || tau == 1) {
            return;
        }
        float end = logits[thinkEnd];
        float maxOther = Float.NEGATIVE_INFINITY;
        for (int i = 0; i < logits.length; i++) {
            if (i != thinkEnd && logits[i] > maxOther) {
                maxOther = logits[i];
            }
        }
        // p = 0 stays 0, p = 1 stays 1, and a +inf makes p exactly 0 or 1 too: nothing to move.
        if (end == Float.NEGATIVE_INFINITY || maxOther == Float.NEGATIVE_INFINITY
                || end == Float.POSITIVE_INFINITY || maxOther == Float.POSITIVE_INFINITY) {
            return;
        }
        // The other tokens' mass is summed on its own, relative to its own max, in double: log(1 - p)
        // then comes from it directly rather than from 1 - p, which cancels when p is near 1, and
        // it cannot underflow however far below think-end the other tokens are.
        double sum = 0;
        for (int i = 0; i < logits.length; i++) {
            if (i != thinkEnd) {
                sum += Math.exp((double) logits[i] - maxOther);
            }
        }
        double logOthers = maxOther + Math.log(sum);
        // log p and log(1 - p) as softplus of the log-odds d, each without cancellation: going
        // through log Z would lose the tiny log p of a near-certain think-end to the size of Z.
        double d = end - logOthers;
        double logP;
        double log1mP;
        if (d >= 0) {
            logP = -Math.log1p(Math.exp(-d));
            log1mP = -d + logP;
        } else {
            log1mP = -Math.log1p(Math.exp(d));
            logP = d + log1mP;
        }
        double logPNew = logP / tau;
        double log1mPNew;
        if (Math.max(log1mP, log1mP - Math.log(tau)) < -30) {
            // 1 - p and 1 - p' both below e^-30: 1 - p^(1/tau) = (1 - p)/tau to first order, with a
            // relative error below e^-30. Needed because log p itself rounds to 0 once 1 - p < 2^-53,
            // which would make 1 - p' exactly 0 and wipe out every other token.
            log1mPNew = log1mP - Math.log(tau);
        } else {
            log1mPNew = Logits.log1mExp(logPNew);
        }
        // x_i - logOthers is log(q_i / (1 - p)): each token's share of the non-think-end mass.
        double shift = log1mPNew - logOthers;
        for (int i = 0; i < logits.length; i++) {
            if (i != thinkEnd) {
                logits[i] = (float) (logits[i] + shift);
            }
        }
        logits[thinkEnd] = (float) logPNew;
    }

    @Override
    public void accept(int token) {
        if (state == State.THINKING && token == thinkEnd) {
            state = State.ANSWERING;
        }
    }

    @Override
    public boolean forcing() {
        return false;
    }

    @Override
    public Intervention copy() {
        return new StopTemperature(this);
    }
}
