package io.thinkmeter.contracts;

import java.util.List;

/** Kafka topics. Every record's key is the request id (the batch id on the batches topic, the tenant on the tenants topic). */
public final class Topics {

    /** Requests as ingest accepted them (ProblemRequest). */
    public static final String SUBMITTED = "thinkmeter.requests.submitted";
    /** Requests the scheduler refused, with the reason (RejectedRequest). */
    public static final String REJECTED = "thinkmeter.requests.rejected";
    /** Work for each pool (ProblemRequest, with its pool set). */
    public static final String WORK_SHORT = "thinkmeter.work.short";
    public static final String WORK_MEDIUM = "thinkmeter.work.medium";
    public static final String WORK_LONG = "thinkmeter.work.long";
    /** Results from the workers (ProblemResult). */
    public static final String RESULTS = "thinkmeter.results";
    /** Tenants' daily quotas as set through ingest (TenantQuota); compacted, so the latest per tenant stays. */
    public static final String TENANTS = "thinkmeter.tenants";
    /** Records no service could read, with the reason (DeadLetter). */
    public static final String DEAD_LETTERS = "thinkmeter.dead-letters";
    /** Batches as ingest accepted them (BatchAccepted), in the same transaction as their requests. */
    public static final String BATCHES = "thinkmeter.batches";

    private Topics() {}

    public static String work(Pool pool) {
        return switch (pool) {
            case SHORT -> WORK_SHORT;
            case MEDIUM -> WORK_MEDIUM;
            case LONG -> WORK_LONG;
        };
    }

    public static List<String> all() {
        return List.of(SUBMITTED, REJECTED, WORK_SHORT, WORK_MEDIUM, WORK_LONG, RESULTS, TENANTS, DEAD_LETTERS, BATCHES);
    }

    /** Topics that keep only the latest record per key (cleanup.policy=compact). */
    public static List<String> compacted() {
        return List.of(TENANTS);
    }
}
