package io.thinkmeter.contracts;

import com.fasterxml.jackson.annotation.JsonInclude;

import java.time.Instant;

/**
 * A batch whose remaining work must not run: the cancellations-topic payload (key = the batch id),
 * schema 1. Workers skip every request of the batch that they have not started, answering it with a
 * {@link StopReason#CANCELLED} result, so each request still gets exactly one result and is charged nothing.
 *
 * @param batch the batch id
 * @param tenant whose batch it is
 * @param reason {@code cancelled} (its owner asked) or {@code expired} (its completion window ran out)
 * @param at when it was decided
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record BatchCancelled(int schemaVersion, String batch, String tenant, String reason, Instant at) {

    public static final int SCHEMA_VERSION = 1;
    public static final String CANCELLED = "cancelled";
    public static final String EXPIRED = "expired";

    /** The result's error text for a request skipped because of this. */
    public String errorText() {
        return EXPIRED.equals(reason) ? "expired: the batch's completion window ran out before this request started"
                : "cancelled: the batch was cancelled before this request started";
    }
}
