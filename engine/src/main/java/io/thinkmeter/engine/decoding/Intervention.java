package io.thinkmeter.engine.decoding;

/**
 * One step of the decoding chain for one sequence, in the manner of llama.cpp's samplers.
 *
 * <p>The decode loop calls {@link #apply} with the next token's logits, picks a token, lets
 * {@link #replace} swap it, then calls {@link #accept} with the token kept: accept is the only call
 * that moves the state forward, so apply may be called again without effect on the state. Instances belong to one sequence; {@link #copy} gives
 * an independent one that keeps the current state.
 */
public interface Intervention {

    /** Edits the logits of the next token in place. */
    void apply(float[] logits);

    /**
     * The token to emit in place of the one the picker chose (the chosen one by default). A link whose
     * rule is about what the model generates, not what it would most likely generate, acts here: s1's
     * minimum thinking replaces every think-end before the minimum, sampled or argmax, by "Wait". A
     * replaced token counts as injected. Called once after each pick, before accept.
     */
    default int replace(int picked) {
        return picked;
    }

    /** Advances the state with the token chosen, whether the model generated it or it was forced. */
    void accept(int token);

    /** Whether the latest {@link #apply} forced one token: the token chosen then counts as injected. */
    boolean forcing();

    /** An independent copy in the same state; a link with no state and no scratch buffers may return itself. */
    Intervention copy();
}
