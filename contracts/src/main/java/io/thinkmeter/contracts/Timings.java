package io.thinkmeter.contracts;

import com.fasterxml.jackson.annotation.JsonInclude;

import java.time.Instant;

/**
 * When a request was accepted, picked up and finished, and how long it decoded.
 *
 * @param queuedMillis from acceptance to the start of decoding
 * @param decodeMillis decoding wall time
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Timings(Instant submittedAt, Instant startedAt, Instant finishedAt, Long queuedMillis,
                     Long decodeMillis) {}
