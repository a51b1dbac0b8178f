package io.thinkmeter.contracts;

/**
 * A name the contract does not know for a field with a fixed set of names ({@code "method": "fast"}).
 * Its message is the sentence a caller gets: the field, the names it may take and the value given,
 * so ingest can answer 400 with it and the scheduler can dead-letter with it.
 */
public final class UnknownWireName extends IllegalArgumentException {

    private final String field;

    UnknownWireName(String field, String sentence) {
        super(sentence);
        this.field = field;
    }

    /** The contract field (snake_case) the value was given for. */
    public String field() {
        return field;
    }
}
