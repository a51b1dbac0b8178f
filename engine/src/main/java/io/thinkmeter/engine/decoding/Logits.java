package io.thinkmeter.engine.decoding;

/** Small numeric helpers shared by the links of the chain; static so the hot path allocates nothing. */
final class Logits {

    private Logits() {}

    /**
     * The id of the largest logit, ties to the lowest id; -1 when no logit is above -inf.
     *
     * <p>NaN never compares greater, so a NaN logit is never chosen: a broken model output then
     * surfaces as "no candidate" rather than as an arbitrary token.
     */
    static int argmax(float[] logits) {
        int best = -1;
        float bestValue = Float.NEGATIVE_INFINITY;
        for (int i = 0; i < logits.length; i++) {
            if (logits[i] > bestValue) {
                bestValue = logits[i];
                best = i;
            }
        }
        return best;
    }

    /** Removes every token but {@code token}, which gets logit 0: probability 1 whatever it had before. */
    static void forceOnly(float[] logits, int token) {
        if (token < 0 || token >= logits.length) {
            throw new IllegalArgumentException(
                    "forced token " + token + " is outside the vocabulary of " + logits.length + " logits");
        }
        java.util.Arrays.fill(logits, Float.NEGATIVE_INFINITY);
        // 0 rather than the model's own logit: an earlier link may already have set it to -inf,
        // and a forced token must stay pickable by every later link and the picker.
        logits[token] = 0f;
    }

    /** log(1 - exp(x)) for x <= 0 without cancellation (Maechler 2012: switch at -ln 2). */
    static double log1mExp(double x) {
        return x > -Math.log(2) ? Math.log(-Math.expm1(x)) : Math.log1p(-Math.exp(x));
    }
}
