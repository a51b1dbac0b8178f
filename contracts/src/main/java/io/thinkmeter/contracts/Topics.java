package io.thinkmeter.contracts;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

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
    /** Batches whose unstarted requests must be skipped (BatchCancelled, key = the batch id); compacted. */
    public static final String CANCELLATIONS = "thinkmeter.batches.cancelled";
    /** Budgets that crossed their soft threshold (SpendAlert, key = the tenant), once per budget and period. */
    public static final String SPEND_ALERTS = "thinkmeter.spend.alerts";
    /** Reservations released without a result after their timeout (ReservationReleased, key = the request id). */
    public static final String SPEND_RELEASES = "thinkmeter.spend.releases";
    /**
     * Kafka's front door (ProblemRecord, any key): problems produced straight to Kafka by any client, the
     * tenant named by the {@link #TENANT_HEADER} header, for trusted networks. Each tenant's own topic is
     * {@link #problemsOf(String)}, where the topic names the tenant (and the broker's ACLs who may write it).
     */
    public static final String PROBLEMS = "thinkmeter.problems";
    /** The header that names the tenant of a record on {@link #PROBLEMS}. */
    public static final String TENANT_HEADER = "thinkmeter-tenant";
    /** Every problems topic: the shared one and each tenant's; what the scheduler subscribes to. */
    public static final Pattern PROBLEMS_TOPICS = Pattern.compile(Pattern.quote(PROBLEMS) + "(\\..+)?");
    private static final String PROBLEMS_OF_TENANT = PROBLEMS + ".";

    private Topics() {}

    public static String work(Pool pool) {
        return switch (pool) {
            case SHORT -> WORK_SHORT;
            case MEDIUM -> WORK_MEDIUM;
            case LONG -> WORK_LONG;
        };
    }

    /** The tenant's own problems topic, {@code thinkmeter.problems.<tenant>}. */
    public static String problemsOf(String tenant) {
        return PROBLEMS_OF_TENANT + tenant;
    }

    /** The tenant a tenant's problems topic names; empty for the shared topic and any other. */
    public static Optional<String> tenantOfProblems(String topic) {
        return topic != null && topic.startsWith(PROBLEMS_OF_TENANT) && topic.length() > PROBLEMS_OF_TENANT.length()
                ? Optional.of(topic.substring(PROBLEMS_OF_TENANT.length())) : Optional.empty();
    }

    /** The topics the platform creates (each tenant's problems topic is created with the tenant, by its operator). */
    public static List<String> all() {
        return List.of(SUBMITTED, REJECTED, WORK_SHORT, WORK_MEDIUM, WORK_LONG, RESULTS, TENANTS, DEAD_LETTERS, BATCHES,
                CANCELLATIONS, PROBLEMS, SPEND_ALERTS, SPEND_RELEASES);
    }

    /**
     * The settings a topic is created with, beyond partitions and replicas: compaction for
     * {@link #compacted()}; and on problems topics the broker's own clock as the record timestamp
     * ({@code LogAppendTime}), because a request's submission time decides which day's quota it is
     * charged to, and a producer must not choose it.
     */
    public static Map<String, String> configOf(String topic) {
        if (compacted().contains(topic)) {
            return Map.of("cleanup.policy", "compact");
        }
        if (topic != null && PROBLEMS_TOPICS.matcher(topic).matches()) {
            return Map.of("message.timestamp.type", "LogAppendTime");
        }
        return Map.of();
    }

    /** Topics that keep only the latest record per key (cleanup.policy=compact). */
    public static List<String> compacted() {
        return List.of(TENANTS, CANCELLATIONS);
    }
}
