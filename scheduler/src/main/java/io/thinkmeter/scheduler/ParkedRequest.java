package io.thinkmeter.scheduler;

import io.thinkmeter.contracts.ProblemRequest;

import java.time.Instant;

/**
 * A request that would fit once in-flight requests settle, waiting in its (tenant, API key) queue.
 *
 * @param submittedAt the instant its budgets' periods are taken from (its own, or its record's timestamp)
 */
public record ParkedRequest(String requestId, ProblemRequest request, Instant submittedAt, Instant parkedAt) {}
