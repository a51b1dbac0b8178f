package io.thinkmeter.scheduler;

import io.thinkmeter.contracts.DeadLetter;
import io.thinkmeter.contracts.Pool;
import io.thinkmeter.contracts.ProblemRequest;
import io.thinkmeter.contracts.RejectedRequest;
import io.thinkmeter.contracts.TenantQuota;
import io.thinkmeter.contracts.Topics;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.kstream.Branched;
import org.apache.kafka.streams.kstream.BranchedKStream;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Produced;
import org.apache.kafka.streams.kstream.Repartitioned;
import org.apache.kafka.streams.state.Stores;

import java.time.Duration;

/**
 * The scheduler: problems produced straight to Kafka are taken in as requests (see
 * {@link ProblemIntake}); submitted requests are parsed, validated, let through once per request id, charged to
 * their tenant's daily quota and routed to a pool's work topic; what cannot be read goes to dead
 * letters, what is refused to rejected.
 */
public final class SchedulerTopology {

    /** The repartition by tenant; Kafka Streams names its topic "&lt;application.id&gt;-by-tenant-repartition". */
    public static final String BY_TENANT = "by-tenant";
    /** Tokens reserved per "tenant|yyyy-mm-dd"; changelog "&lt;application.id&gt;-tenant-daily-usage-changelog". */
    public static final String USAGE_STORE = "tenant-daily-usage";
    /** Request ids already routed, for the idempotency window; changelog "&lt;application.id&gt;-seen-requests-changelog". */
    public static final String SEEN_STORE = "seen-requests";
    /** Tenants' quotas from the compacted tenants topic: a global store, every instance holds them all. */
    public static final String QUOTA_STORE = "tenant-quotas";
    static final int REJECTED_SCHEMA_VERSION = 1;

    private static final Serde<String> KEYS = Serdes.String();
    private static final Serde<ProblemRequest> REQUESTS = JsonSerde.of(ProblemRequest.class);

    private SchedulerTopology() {}

    public static Topology build(SchedulerConfig config) {
        StreamsBuilder builder = new StreamsBuilder();
        builder.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(USAGE_STORE), KEYS,
                Serdes.Long()));
        Duration window = config.idempotencyWindow();
        builder.addStateStore(Stores.windowStoreBuilder(
                Stores.persistentWindowStore(SEEN_STORE, window, window, false), KEYS, Serdes.Long()));
        // A global store is restored from its topic, so it must not have a changelog of its own.
        builder.addGlobalStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(QUOTA_STORE), KEYS,
                        JsonSerde.of(TenantQuota.class)).withLoggingDisabled(),
                Topics.TENANTS, Consumed.with(KEYS, JsonSerde.of(TenantQuota.class)).withName("read-tenants"),
                TenantQuotaUpdater::new);

        takeProblemsProducedToKafka(builder, config);

        // Values are read as text so a bad one becomes a dead letter here rather than a deserialization failure.
        KStream<String, ParsedRequest> parsed = builder
                .stream(Topics.SUBMITTED, Consumed.with(KEYS, Serdes.String()).withName("read-submitted"))
                .mapValues(ParsedRequest::parse, Named.as("parse"));
        parsed.filterNot((id, p) -> p.readable(), Named.as("unreadable"))
                .mapValues((id, p) -> p.deadLetter(id), Named.as("to-dead-letter"))
                .to(Topics.DEAD_LETTERS, Produced.with(KEYS, JsonSerde.of(DeadLetter.class)).withName("write-dead-letters"));
        // The guard: ingest (or the front door) validated each request already; checked once more, once, here.
        KStream<String, CheckedRequest> requests = parsed
                .filter((id, p) -> p.readable(), Named.as("readable"))
                .mapValues(p -> CheckedRequest.of(p.request()), Named.as("check"));

        requests.filterNot((id, c) -> c.valid(), Named.as("invalid"))
                .mapValues(c -> rejected(c.request(), c.reason()), Named.as("why-invalid"))
                .to(Topics.REJECTED, Produced.with(KEYS, JsonSerde.of(RejectedRequest.class)).withName("write-invalid"));

        KStream<String, QuotaDecision> decisions = requests
                .filter((id, c) -> c.valid(), Named.as("valid"))
                .map((id, c) -> KeyValue.pair(c.request().tenant(),
                                new KeyedRequest(id != null ? id : c.request().id(), c.request())),
                        Named.as("key-by-tenant"))
                .repartition(Repartitioned.with(KEYS, JsonSerde.of(KeyedRequest.class)).withName(BY_TENANT))
                .processValues(() -> new FirstSubmissionOnly(config), Named.as("first-submission-only"), SEEN_STORE)
                .processValues(() -> new DailyQuotaProcessor(config), Named.as("reserve-daily-quota"), USAGE_STORE);

        decisions.filterNot((tenant, d) -> d.reserved(), Named.as("over-quota"))
                .map((tenant, d) -> KeyValue.pair(d.requestId(), rejected(d.request(), d.refusal())),
                        Named.as("why-over-quota"))
                .to(Topics.REJECTED, Produced.with(KEYS, JsonSerde.of(RejectedRequest.class)).withName("write-over-quota"));

        PoolRouter router = new PoolRouter(config);
        KStream<String, ProblemRequest> routed = decisions
                .filter((tenant, d) -> d.reserved(), Named.as("within-quota"))
                .map((tenant, d) -> KeyValue.pair(d.requestId(), router.route(d.request())),
                        Named.as("route-to-pool"));
        // One static sink per pool, so the topology names every topic it writes.
        BranchedKStream<String, ProblemRequest> byPool = routed.split(Named.as("by-pool-"));
        for (Pool pool : Pool.values()) {
            byPool = byPool.branch((id, r) -> r.pool() == pool, Branched.withConsumer(
                    work -> work.to(Topics.work(pool), Produced.with(KEYS, REQUESTS).withName("write-" + pool.wireName())),
                    pool.wireName()));
        }
        byPool.noDefaultBranch();
        return builder.build();
    }

    /**
     * Kafka's front door: every problems topic (the shared one and each tenant's, by pattern) is turned
     * into requests written to the submitted topic, keyed by their derived id, where they take the same
     * path as ingest's (and the storage sink files them); what cannot be taken is rejected or dead-lettered
     * here, with the reason.
     */
    private static void takeProblemsProducedToKafka(StreamsBuilder builder, SchedulerConfig config) {
        KStream<String, ProblemIntake.Outcome> taken = builder
                .stream(Topics.PROBLEMS_TOPICS, Consumed.with(Serdes.ByteArray(), Serdes.ByteArray())
                        .withName("read-problems"))
                .process(() -> new ProblemIntakeProcessor(config), Named.as("take-problem"));
        taken.filter((id, o) -> o.accepted() != null, Named.as("problem-taken"))
                .mapValues(ProblemIntake.Outcome::accepted, Named.as("problem-request"))
                .to(Topics.SUBMITTED, Produced.with(KEYS, REQUESTS).withName("write-submitted"));
        taken.filter((id, o) -> o.rejected() != null, Named.as("problem-refused"))
                .mapValues(ProblemIntake.Outcome::rejected, Named.as("why-problem-refused"))
                .to(Topics.REJECTED, Produced.with(KEYS, JsonSerde.of(RejectedRequest.class))
                        .withName("write-refused-problems"));
        taken.filter((id, o) -> o.deadLetter() != null, Named.as("problem-unreadable"))
                .mapValues(ProblemIntake.Outcome::deadLetter, Named.as("problem-dead-letter"))
                .to(Topics.DEAD_LETTERS, Produced.with(KEYS, JsonSerde.of(DeadLetter.class))
                        .withName("write-unreadable-problems"));
    }

    private static RejectedRequest rejected(ProblemRequest request, String reason) {
        return new RejectedRequest(REJECTED_SCHEMA_VERSION, request, reason);
    }
}
