package io.thinkmeter.scheduler;

import io.thinkmeter.contracts.DeadLetter;
import io.thinkmeter.contracts.Pool;
import io.thinkmeter.contracts.ProblemRequest;
import io.thinkmeter.contracts.RejectedRequest;
import io.thinkmeter.contracts.ReservationReleased;
import io.thinkmeter.contracts.SpendAlert;
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
import java.util.List;

/**
 * The scheduler: problems produced straight to Kafka are taken in as requests (see
 * {@link ProblemIntake}); submitted requests are parsed, validated, let through once per request id, admitted
 * against their budgets (reserve-then-settle, {@link SpendBook}, with the results read back to settle them) and
 * routed to a pool's work topic; what cannot be read goes to dead letters, what is refused to rejected.
 */
public final class SchedulerTopology {

    /**
     * The repartition by tenant of admissions and settlements together; Kafka Streams names its topic
     * "&lt;application.id&gt;-spend-by-tenant-repartition". (It replaced "by-tenant", which carried
     * admissions only: records left in that one at an upgrade are not read again.)
     */
    public static final String BY_TENANT = "spend-by-tenant";
    /** Request ids already routed, for the idempotency window; changelog "&lt;application.id&gt;-seen-requests-changelog". */
    public static final String SEEN_STORE = "seen-requests";
    /** Tenants' budgets from the compacted tenants topic: a global store, every instance holds them all. */
    public static final String QUOTA_STORE = "tenant-quotas";
    /** Each budget's settled and reserved tokens per period, by "tenant␟key␟window␟period" ({@link BudgetKey}). */
    public static final String BUDGETS_STORE = "spend-budgets";
    /** Reservations of requests in flight, by request id. */
    public static final String RESERVATIONS_STORE = "spend-reservations";
    /** The same reservations' ids by "reservation millis␟request id", for the timeout check. */
    public static final String RESERVATION_TIMES_STORE = "spend-reservation-times";
    /** Request ids whose result was settled, for the idempotency window (a window store). */
    public static final String SETTLED_STORE = "spend-settled-requests";
    /** Each parking queue's ends, by "tenant␟key". */
    public static final String PARKING_QUEUES_STORE = "spend-parking-queues";
    /** Parked requests, by "tenant␟key␟sequence". */
    public static final String PARKED_STORE = "spend-parked-requests";
    static final int REJECTED_SCHEMA_VERSION = 1;

    private static final Serde<String> KEYS = Serdes.String();
    private static final Serde<ProblemRequest> REQUESTS = JsonSerde.of(ProblemRequest.class);

    private SchedulerTopology() {}

    public static Topology build(SchedulerConfig config) {
        return build(config, SpendObserver.NONE);
    }

    /** @param observer told of every change to the budgets (metrics); called on the stream threads */
    public static Topology build(SchedulerConfig config, SpendObserver observer) {
        StreamsBuilder builder = new StreamsBuilder();
        Duration window = config.idempotencyWindow();
        builder.addStateStore(Stores.windowStoreBuilder(
                Stores.persistentWindowStore(SEEN_STORE, window, window, false), KEYS, Serdes.Long()));
        addSpendStores(builder, window);
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

        KStream<String, SpendEvent> admissions = requests
                .filter((id, c) -> c.valid(), Named.as("valid"))
                .map((id, c) -> KeyValue.pair(c.request().tenant(), SpendEvent.admit(
                                new KeyedRequest(id != null ? id : c.request().id(), c.request()))),
                        Named.as("key-by-tenant"));
        // Results settle what their requests reserved; read as text, so an unreadable one is skipped here
        // (the sink dead-letters it) instead of stopping the thread.
        KStream<String, SpendEvent> settlements = builder
                .stream(Topics.RESULTS, Consumed.with(KEYS, Serdes.String()).withName("read-results"))
                .flatMap((id, text) -> ResultReader.read(id, text)
                        .map(r -> List.of(KeyValue.pair(r.tenant(), SpendEvent.settle(r))))
                        .orElse(List.of()), Named.as("settlement-by-tenant"));

        KStream<String, SpendOutcome> decided = admissions
                .merge(settlements, Named.as("admissions-and-settlements"))
                .repartition(Repartitioned.with(KEYS, JsonSerde.of(SpendEvent.class)).withName(BY_TENANT))
                .processValues(() -> new FirstSubmissionOnly(config), Named.as("first-submission-only"), SEEN_STORE)
                .process(() -> new SpendProcessor(config, observer), Named.as("reserve-and-settle"),
                        BUDGETS_STORE, RESERVATIONS_STORE, RESERVATION_TIMES_STORE,
                        SETTLED_STORE, PARKING_QUEUES_STORE, PARKED_STORE);

        decided.filter((id, o) -> o.refused() != null, Named.as("over-budget"))
                .mapValues(SpendOutcome::refused, Named.as("why-over-budget"))
                .to(Topics.REJECTED, Produced.with(KEYS, JsonSerde.of(RejectedRequest.class)).withName("write-over-budget"));
        decided.filter((id, o) -> o.alert() != null, Named.as("soft-threshold-reached"))
                .mapValues(SpendOutcome::alert, Named.as("spend-alert"))
                .to(Topics.SPEND_ALERTS, Produced.with(KEYS, JsonSerde.of(SpendAlert.class)).withName("write-spend-alerts"));
        decided.filter((id, o) -> o.released() != null, Named.as("reservation-timed-out"))
                .mapValues(SpendOutcome::released, Named.as("reservation-released"))
                .to(Topics.SPEND_RELEASES, Produced.with(KEYS, JsonSerde.of(ReservationReleased.class))
                        .withName("write-spend-releases"));

        PoolRouter router = new PoolRouter(config);
        KStream<String, ProblemRequest> routed = decided
                .filter((id, o) -> o.routed() != null, Named.as("admitted"))
                .mapValues(o -> router.route(o.routed()), Named.as("route-to-pool"));
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

    private static void addSpendStores(StreamsBuilder builder, Duration window) {
        builder.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(BUDGETS_STORE), KEYS,
                JsonSerde.of(BudgetUsage.class)));
        builder.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(RESERVATIONS_STORE), KEYS,
                JsonSerde.of(Reservation.class)));
        builder.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(RESERVATION_TIMES_STORE),
                KEYS, KEYS));
        builder.addStateStore(Stores.windowStoreBuilder(
                Stores.persistentWindowStore(SETTLED_STORE, window, window, false), KEYS, Serdes.Long()));
        builder.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(PARKING_QUEUES_STORE), KEYS,
                JsonSerde.of(StoreSpendState.QueueEnds.class)));
        builder.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(PARKED_STORE), KEYS,
                JsonSerde.of(ParkedRequest.class)));
    }

    private static RejectedRequest rejected(ProblemRequest request, String reason) {
        return new RejectedRequest(REJECTED_SCHEMA_VERSION, request, reason);
    }
}
