package io.thinkmeter.contracts;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

import java.util.Locale;

/**
 * Worker pools, by how long their requests may think. A TLDR {@link Level} has the same names and
 * routes to the pool of its name, but is a property of a request, not a pool.
 */
public enum Pool implements WireName {
    SHORT, MEDIUM, LONG;

    /** The contract field that carries it. */
    public static final String FIELD = "pool";

    @JsonValue
    @Override
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** @throws UnknownWireName naming the field and the pools there are */
    @JsonCreator
    public static Pool fromWireName(String name) {
        return WireNames.parse(Pool.class, FIELD, name);
    }
}
