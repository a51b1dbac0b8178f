package io.thinkmeter.contracts;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/** How a request controls thinking. */
public enum Method implements WireName {
    /** Decode until the natural end or the budget. */
    NONE("none"),
    /** s1: at the thinking cap inject think-end and the answer prefix; optionally a minimum thinking. */
    BUDGET_FORCING("budget-forcing"),
    /** Temperature-scaled stopping, with budget forcing as the backstop at the cap. */
    TS("ts"),
    /** A TLDR level instruction in the prompt, with budget forcing as the backstop. */
    TLDR("tldr");

    /** The contract field that carries it. */
    public static final String FIELD = "method";

    private final String wireName;

    Method(String wireName) {
        this.wireName = wireName;
    }

    @JsonValue
    @Override
    public String wireName() {
        return wireName;
    }

    /** @throws UnknownWireName naming the field and the methods there are */
    @JsonCreator
    public static Method fromWireName(String name) {
        return WireNames.parse(Method.class, FIELD, name);
    }
}
