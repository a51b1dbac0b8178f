package io.thinkmeter.contracts;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

import java.util.Locale;

/** Worker pools, by how long their requests may think. The same names are the TLDR levels. */
public enum Pool {
    SHORT, MEDIUM, LONG;

    @JsonValue
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    @JsonCreator
    public static Pool fromWireName(String name) {
        for (Pool p : values()) {
            if (p.wireName().equals(name)) {
                return p;
            }
        }
        throw new IllegalArgumentException("unknown pool or level '" + name + "': expected short, medium or long");
    }
}
