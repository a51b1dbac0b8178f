package io.thinkmeter.engine.decoding;

/** Picks the most likely token; ties go to the lowest id so a run is reproducible across platforms. */
public final class GreedyPicker implements TokenPicker {

    @Override
    public int pick(float[] logits) {
        int token = Logits.argmax(logits);
        if (token < 0) {
            throw new IllegalStateException("no token to pick: all " + logits.length + " logits are -inf or NaN");
        }
        return token;
    }

    /** Stateless, so the copy is this instance. */
    @Override
    public TokenPicker copy() {
        return this;
    }
}
