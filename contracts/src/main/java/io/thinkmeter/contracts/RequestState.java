package io.thinkmeter.contracts;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/**
 * Where a request stands in storage ({@code requests.state}, whose CHECK constraint allows exactly
 * these names) and in what ingest tells its caller.
 */
public enum RequestState implements WireName {
    /** Accepted; no result yet. */
    SUBMITTED("submitted"),
    /** Refused by the scheduler, with a reason; never run. */
    REJECTED("rejected"),
    /** Run; its result is stored. */
    DONE("done"),
    /** Run and failed; its result carries the error. */
    ERROR("error");

    /** The contract field that carries it. */
    public static final String FIELD = "state";

    private final String wireName;

    RequestState(String wireName) {
        this.wireName = wireName;
    }

    @JsonValue
    @Override
    public String wireName() {
        return wireName;
    }

    /** Whether nothing more will happen to the request. */
    public boolean isFinal() {
        return this != SUBMITTED;
    }

    /** The state a request ends in once {@code result} is stored. */
    public static RequestState of(ProblemResult result) {
        return result.error() == null ? DONE : ERROR;
    }

    /** @throws UnknownWireName naming the field and the states there are */
    @JsonCreator
    public static RequestState fromWireName(String name) {
        return WireNames.parse(RequestState.class, FIELD, name);
    }
}
