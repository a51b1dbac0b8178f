package io.thinkmeter.workers.decoding;

import java.util.Locale;

/** How a request controls thinking. */
public enum Method {
    /** Decode until the natural end or the budget. */
    NONE("none"),
    /** s1: at the thinking cap inject think-end and the answer prefix; optionally a minimum thinking. */
    BUDGET_FORCING("budget-forcing"),
    /** Temperature-scaled stopping, with budget forcing as the backstop at the cap. */
    TS("ts"),
    /** A TLDR level instruction in the prompt, with budget forcing as the backstop. */
    TLDR("tldr");

    private final String wireName;

    Method(String wireName) {
        this.wireName = wireName;
    }

    public String wireName() {
        return wireName;
    }

    public static Method fromWireName(String name) {
        for (Method m : values()) {
            if (m.wireName.equals(name.toLowerCase(Locale.ROOT))) {
                return m;
            }
        }
        throw new IllegalArgumentException("unknown method '" + name + "': expected none, budget-forcing, ts or tldr");
    }
}
