package io.thinkmeter.contracts;

/**
 * A value of the contract that travels as a fixed name (in JSON, in PostgreSQL, on the command line),
 * so the name is spelt in one place: the enum constant that carries it.
 */
public interface WireName {

    /** The name on the wire and in PostgreSQL: {@code budget-forcing}, {@code forced_at_cap}, ... */
    String wireName();
}
