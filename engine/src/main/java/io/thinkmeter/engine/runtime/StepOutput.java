package io.thinkmeter.engine.runtime;

/**
 * What one forward pass returns.
 *
 * @param lastLogits {@code [batch * vocab]}: the logits after each row's last new token
 * @param vocab the vocabulary size
 * @param present the cache including this pass's tokens (owned by the caller, who closes it)
 */
public record StepOutput(float[] lastLogits, int vocab, KvCache present) {

    /** Row {@code row}'s logits, copied, so interventions may edit them in place. */
    public float[] rowLogits(int row) {
        float[] out = new float[vocab];
        System.arraycopy(lastLogits, row * vocab, out, 0, vocab);
        return out;
    }
}
