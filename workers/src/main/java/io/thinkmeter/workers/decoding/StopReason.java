package io.thinkmeter.workers.decoding;

/** Why a sequence ended. */
public enum StopReason {
    /** The model emitted end-of-sequence without any forcing. */
    NATURAL("natural"),
    /** Thinking reached its cap, the answer was forced, and the answer then ended within the budget. */
    FORCED_AT_CAP("forced_at_cap"),
    /** The budget ran out before the model ended its answer. */
    MAX_TOKENS("max_tokens");

    private final String wireName;

    StopReason(String wireName) {
        this.wireName = wireName;
    }

    public String wireName() {
        return wireName;
    }
}
