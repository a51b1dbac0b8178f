package io.thinkmeter.storage;

/**
 * One thing the verifier found wrong, named so it can be looked up: the request (null for a tenant's
 * totals), its tenant, and its place in the tenant's chain when it has one.
 */
public record Discrepancy(String requestId, String tenant, Long chainSeq, String problem) {

    @Override
    public String toString() {
        StringBuilder where = new StringBuilder();
        if (requestId != null) {
            where.append("request ").append(requestId).append(' ');
        }
        where.append("(tenant ").append(tenant);
        if (chainSeq != null) {
            where.append(", chain_seq ").append(chainSeq);
        }
        return where.append("): ").append(problem).toString();
    }
}
