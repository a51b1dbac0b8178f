package io.thinkmeter.scheduler;

import io.thinkmeter.contracts.ProblemRequest;

/**
 * Whether a request's budget fit in its tenant's daily quota.
 *
 * @param refusal why it did not fit, or null when its budget was reserved
 */
public record QuotaDecision(String requestId, ProblemRequest request, String refusal) {

    public boolean reserved() {
        return refusal == null;
    }
}
