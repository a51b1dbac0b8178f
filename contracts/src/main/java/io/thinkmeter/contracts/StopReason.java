package io.thinkmeter.contracts;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/** Why a request's decoding ended. */
public enum StopReason implements WireName {
    /** The model emitted end-of-sequence without any forcing. */
    NATURAL("natural"),
    /** Thinking reached its cap, the answer was forced, and the answer then ended within the budget. */
    FORCED_AT_CAP("forced_at_cap"),
    /** The budget ran out before the model ended its answer. */
    MAX_TOKENS("max_tokens"),
    /** The request was not decoded: the result carries the error and no generated tokens. */
    ERROR("error"),
    /** The request was not decoded because its batch was cancelled or expired first (BatchCancelled); no tokens. */
    CANCELLED("cancelled");

    /** The contract field that carries it. */
    public static final String FIELD = "stop_reason";

    private final String wireName;

    StopReason(String wireName) {
        this.wireName = wireName;
    }

    @JsonValue
    @Override
    public String wireName() {
        return wireName;
    }

    /** @throws UnknownWireName naming the field and the stop reasons there are */
    @JsonCreator
    public static StopReason fromWireName(String name) {
        return WireNames.parse(StopReason.class, FIELD, name);
    }
}
