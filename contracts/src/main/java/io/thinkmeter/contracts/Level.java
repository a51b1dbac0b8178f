package io.thinkmeter.contracts;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/**
 * A TLDR length level: how long a TLDR model is told to think. Spelt as the pools are, and a request
 * that names one is routed to the pool of the same name ({@link #pool()}), but it is a property of
 * the request, not a place in the platform.
 */
public enum Level implements WireName {
    SHORT("short", Pool.SHORT), MEDIUM("medium", Pool.MEDIUM), LONG("long", Pool.LONG);

    /** The contract field that carries it. */
    public static final String FIELD = "level";

    private final String wireName;
    private final Pool pool;

    Level(String wireName, Pool pool) {
        this.wireName = wireName;
        this.pool = pool;
    }

    @JsonValue
    @Override
    public String wireName() {
        return wireName;
    }

    /** The pool a request asking for this level runs in. */
    public Pool pool() {
        return pool;
    }

    /** The level of a TLDR request routed to {@code pool} without a level of its own. */
    public static Level of(Pool pool) {
        for (Level l : values()) {
            if (l.pool == pool) {
                return l;
            }
        }
        throw new IllegalArgumentException("no level for pool " + pool);
    }

    /** @throws UnknownWireName naming the field and the levels there are */
    @JsonCreator
    public static Level fromWireName(String name) {
        return WireNames.parse(Level.class, FIELD, name);
    }
}
