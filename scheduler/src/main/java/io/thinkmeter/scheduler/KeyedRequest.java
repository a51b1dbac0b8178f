package io.thinkmeter.scheduler;

import io.thinkmeter.contracts.ProblemRequest;

/**
 * A request on its way through the tenant repartition, carrying the request id it was keyed by so the
 * output can be keyed by it again.
 */
public record KeyedRequest(String requestId, ProblemRequest request) {}
