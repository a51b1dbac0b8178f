package io.thinkmeter.contracts;

import com.fasterxml.jackson.annotation.JsonInclude;

import java.time.Instant;

/**
 * A reservation given back without a result: the payload of {@link Topics#SPEND_RELEASES} (key = the
 * request id), schema 1. The scheduler releases a request's reservation when no result came within its
 * reservation timeout (a lost worker); the storage sink files it, so the release and its reason are in the
 * database beside the ledger. A result that arrives later is still charged, in full.
 *
 * @param reservedTokens what was reserved and is now released
 * @param reason why, in words
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ReservationReleased(int schemaVersion, String requestId, String tenant, String apiKeyId, String batch,
                                  long reservedTokens, String reason, Instant reservedAt, Instant releasedAt) {

    public static final int SCHEMA_VERSION = 1;
}
