package io.thinkmeter.engine.decoding;

/** A hand-made six-token vocabulary, in the manner of llama.cpp's reasoning-budget tests. */
final class Vocab {

    static final int EOS = 0;
    static final int THINK_END = 1;
    static final int NEWLINE = 2;
    static final int FINAL_ANSWER = 3;
    static final int WAIT = 4;
    static final int WORD = 5;
    static final int SIZE = 6;

    static final int[] FORCED_ANSWER = {THINK_END, NEWLINE, FINAL_ANSWER};

    private Vocab() {}

    static SpecialTokens tokens() {
        return new SpecialTokens(THINK_END, EOS, FORCED_ANSWER.clone(), new int[] {THINK_END}, new int[] {WAIT});
    }

    /** "Wait," as two tokens, to exercise multi-token injection. */
    static SpecialTokens tokensWithTwoTokenWait() {
        return new SpecialTokens(THINK_END, EOS, FORCED_ANSWER.clone(), new int[] {THINK_END}, new int[] {WAIT, WORD});
    }

    /** Logits where {@code favourite} is the clear argmax. */
    static float[] favouring(int favourite) {
        float[] logits = new float[SIZE];
        logits[favourite] = 5f;
        return logits;
    }

    static float[] uniform() {
        return new float[SIZE];
    }

    /** Softmax in double, for checking probabilities. */
    static double[] softmax(float[] logits) {
        double max = Double.NEGATIVE_INFINITY;
        for (float x : logits) {
            max = Math.max(max, x);
        }
        double sum = 0;
        double[] p = new double[logits.length];
        for (int i = 0; i < logits.length; i++) {
            p[i] = Math.exp(logits[i] - max);
            sum += p[i];
        }
        for (int i = 0; i < p.length; i++) {
            p[i] /= sum;
        }
        return p;
    }

    /** The single token left finite, or -1 when there are several. */
    static int onlyCandidate(float[] logits) {
        int found = -1;
        for (int i = 0; i < logits.length; i++) {
            if (logits[i] > Float.NEGATIVE_INFINITY) {
                if (found >= 0) {
                    return -1;
                }
                found = i;
            }
        }
        return found;
    }
}
