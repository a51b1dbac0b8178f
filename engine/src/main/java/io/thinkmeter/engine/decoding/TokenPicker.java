package io.thinkmeter.engine.decoding;

/** The last link of the chain: chooses the token from the (edited) logits. */
public interface TokenPicker {

    int pick(float[] logits);

    /** An independent copy; a seeded picker's copy continues the same random stream from here. */
    TokenPicker copy();
}
