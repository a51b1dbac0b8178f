package io.thinkmeter.scheduler;

import io.thinkmeter.contracts.BudgetWindow;
import io.thinkmeter.contracts.DeadLetter;
import io.thinkmeter.contracts.Json;
import io.thinkmeter.contracts.Level;
import io.thinkmeter.contracts.Method;
import io.thinkmeter.contracts.Pool;
import io.thinkmeter.contracts.ProblemRequest;
import io.thinkmeter.contracts.ProblemResult;
import io.thinkmeter.contracts.RejectedRequest;
import io.thinkmeter.contracts.ReservationReleased;
import io.thinkmeter.contracts.SpendAlert;
import io.thinkmeter.contracts.TenantQuota;
import io.thinkmeter.contracts.Topics;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.test.TestRecord;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;

/** The scheduler topology in a {@link TopologyTestDriver}, with its topics in the wire types. */
final class SchedulerFixture implements AutoCloseable {

    static final Instant NOV_21 = Instant.parse("2026-11-21T10:00:00Z");

    private final TopologyTestDriver driver;
    private final TestInputTopic<String, String> submitted;
    private final TestInputTopic<String, TenantQuota> tenants;
    private final TestOutputTopic<String, DeadLetter> deadLetters;
    private final TestOutputTopic<String, RejectedRequest> rejected;
    private final TestOutputTopic<String, ProblemRequest> submittedOut;
    private final TestInputTopic<String, String> results;
    private final TestOutputTopic<String, SpendAlert> alerts;
    private final TestOutputTopic<String, ReservationReleased> releases;
    private final Map<String, TestInputTopic<byte[], byte[]>> problems = new HashMap<>();

    SchedulerFixture(SchedulerConfig config, Path stateDir) {
        this(config, stateDir, NOV_21);
    }

    SchedulerFixture(SchedulerConfig config, Path stateDir, Instant wallClock) {
        Properties props = new Properties();
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, "scheduler-test");
        props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
        props.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toString());
        driver = new TopologyTestDriver(SchedulerTopology.build(config), props, wallClock);
        submitted = driver.createInputTopic(Topics.SUBMITTED, Serdes.String().serializer(), Serdes.String().serializer());
        tenants = driver.createInputTopic(Topics.TENANTS, Serdes.String().serializer(),
                JsonSerde.of(TenantQuota.class).serializer());
        deadLetters = driver.createOutputTopic(Topics.DEAD_LETTERS, Serdes.String().deserializer(),
                JsonSerde.of(DeadLetter.class).deserializer());
        rejected = driver.createOutputTopic(Topics.REJECTED, Serdes.String().deserializer(),
                JsonSerde.of(RejectedRequest.class).deserializer());
        submittedOut = driver.createOutputTopic(Topics.SUBMITTED, Serdes.String().deserializer(),
                JsonSerde.of(ProblemRequest.class).deserializer());
        results = driver.createInputTopic(Topics.RESULTS, Serdes.String().serializer(), Serdes.String().serializer());
        alerts = driver.createOutputTopic(Topics.SPEND_ALERTS, Serdes.String().deserializer(),
                JsonSerde.of(SpendAlert.class).deserializer());
        releases = driver.createOutputTopic(Topics.SPEND_RELEASES, Serdes.String().deserializer(),
                JsonSerde.of(ReservationReleased.class).deserializer());
    }

    /** A worker's result on the results topic, keyed by its request id. */
    void result(ProblemResult result, Instant at) {
        resultRaw(result.requestId(), Json.text(result), at);
    }

    void resultRaw(String key, String value, Instant at) {
        results.pipeInput(key, value, at);
    }

    List<KeyValue<String, SpendAlert>> alerts() {
        return alerts.readKeyValuesToList();
    }

    List<KeyValue<String, ReservationReleased>> releases() {
        return releases.readKeyValuesToList();
    }

    /** A budget's usage in the books; zero when nothing was counted. */
    BudgetUsage budget(BudgetKey budget) {
        KeyValueStore<String, BudgetUsage> budgets = driver.getKeyValueStore(SchedulerTopology.BUDGETS_STORE);
        BudgetUsage usage = budgets.get(budget.storeKey());
        return usage == null ? BudgetUsage.none(budget) : usage;
    }

    /** The tenant's own budget for a UTC day, as "2026-11-21". */
    BudgetUsage tenantDay(String tenant, String day) {
        return budget(new BudgetKey(tenant, null, BudgetWindow.DAY, day));
    }

    static ProblemRequest request(String id, String tenant, int budget) {
        return new ProblemRequest(ProblemRequest.SCHEMA_VERSION, id, null, tenant, null, null, "Compute 478 + 356.",
                budget, Method.TS, null, null, null, null, 0, null, NOV_21);
    }

    static ProblemRequest withLevel(ProblemRequest r, Level level) {
        return r.withLevel(level);
    }

    static ProblemRequest withMethod(ProblemRequest r, Method method) {
        return new ProblemRequest(r.schemaVersion(), r.id(), r.clientId(), r.tenant(), r.batch(), r.sequence(),
                r.problem(), r.budget(), method, r.level(), r.stopTemperature(), r.answerReserve(), r.sampling(),
                r.priority(), r.pool(), r.submittedAt());
    }

    static ProblemRequest submittedAt(ProblemRequest r, Instant at) {
        return new ProblemRequest(r.schemaVersion(), r.id(), r.clientId(), r.tenant(), r.batch(), r.sequence(),
                r.problem(), r.budget(), r.method(), r.level(), r.stopTemperature(), r.answerReserve(), r.sampling(),
                r.priority(), r.pool(), at);
    }

    void submit(ProblemRequest request) {
        submitRaw(request.id(), json(request));
    }

    /**
     * A record produced straight to a problems topic, as the console producer or kcat would write it:
     * no key, the tenant header when {@code tenantHeader} is not null, stamped {@code at}.
     */
    void produce(String topic, String tenantHeader, String value, Instant at) {
        RecordHeaders headers = new RecordHeaders();
        if (tenantHeader != null) {
            headers.add(Topics.TENANT_HEADER, tenantHeader.getBytes(StandardCharsets.UTF_8));
        }
        produce(topic, headers, value == null ? null : value.getBytes(StandardCharsets.UTF_8), at);
    }

    void produce(String topic, Headers headers, byte[] value, Instant at) {
        problemsTopic(topic).pipeInput(new TestRecord<>(null, value, headers, at));
    }

    /** Everything written to the submitted topic since the last call: ingest's records and the front door's. */
    List<KeyValue<String, ProblemRequest>> submitted() {
        return submittedOut.readKeyValuesToList();
    }

    private TestInputTopic<byte[], byte[]> problemsTopic(String topic) {
        return problems.computeIfAbsent(topic, t -> driver.createInputTopic(t, Serdes.ByteArray().serializer(),
                Serdes.ByteArray().serializer()));
    }

    void submit(ProblemRequest request, Instant recordTimestamp) {
        submitted.pipeInput(request.id(), json(request), recordTimestamp);
    }

    /** A tenant's quota as ingest publishes it; null removes the tenant's record (a tombstone). */
    void setTenantQuota(String tenant, TenantQuota quota) {
        tenants.pipeInput(tenant, quota, NOV_21);
    }

    void submitRaw(String key, String value) {
        submitted.pipeInput(key, value, NOV_21);
    }

    /** Everything written to a pool's work topic since the last call, as key and value. */
    List<KeyValue<String, ProblemRequest>> work(Pool pool) {
        return driver.createOutputTopic(Topics.work(pool), Serdes.String().deserializer(),
                JsonSerde.of(ProblemRequest.class).deserializer()).readKeyValuesToList();
    }

    /** Ids of all requests written to any work topic since the last call. */
    List<String> accepted() {
        return Arrays.stream(Pool.values()).flatMap(p -> work(p).stream()).map(kv -> kv.key).toList();
    }

    List<KeyValue<String, RejectedRequest>> rejected() {
        return rejected.readKeyValuesToList();
    }

    List<KeyValue<String, DeadLetter>> deadLetters() {
        return deadLetters.readKeyValuesToList();
    }

    void advanceWallClock(Duration by) {
        driver.advanceWallClockTime(by);
    }

    private static String json(ProblemRequest request) {
        try {
            return Json.forServices().writeValueAsString(request);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        driver.close();
    }
}
