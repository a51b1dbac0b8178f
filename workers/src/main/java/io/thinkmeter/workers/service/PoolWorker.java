package io.thinkmeter.workers.service;

import io.thinkmeter.contracts.BatchCancelled;
import io.thinkmeter.contracts.BudgetTiers;
import io.thinkmeter.contracts.DeadLetter;
import io.thinkmeter.contracts.Json;
import io.thinkmeter.contracts.Method;
import io.thinkmeter.contracts.ProblemRequest;
import io.thinkmeter.contracts.ProblemResult;
import io.thinkmeter.contracts.Topics;
import io.thinkmeter.engine.BudgetPolicies;
import io.thinkmeter.engine.RequestMapper;
import io.thinkmeter.engine.DecodeRequest;
import io.thinkmeter.engine.DecodeResult;
import io.thinkmeter.engine.RoutedDecoder;
import io.thinkmeter.engine.StopTemperatureTable;
import io.thinkmeter.engine.ReasonerModel;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.InterruptException;
import org.apache.kafka.common.errors.WakeupException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Serves one pool: takes requests from its work topic into the decoder's batch (up to maxInFlight
 * at once), writes each result to the results topic, and commits a record's offset only after its
 * result is acknowledged by Kafka. A crash therefore redelivers unfinished requests (at least once);
 * storage keeps one result per request. Kafka outages of any length are waited out: results wait in a
 * {@link ResultOutbox} until the broker takes them, intake pauses meanwhile, and failed commits are
 * tried again. On shutdown it stops taking work and finishes what is in flight; when partitions are
 * taken away it finishes their requests before letting them go. A request whose batch was cancelled
 * (or expired) before it started is not decoded: it gets a cancelled result ({@link CancelledBatches}).
 */
public final class PoolWorker implements Runnable {

    private static final Logger LOG = LoggerFactory.getLogger(PoolWorker.class);
    private static final Duration IDLE_POLL = Duration.ofMillis(200);
    private static final Duration COMMIT_TIMEOUT = Duration.ofSeconds(5);
    /**
     * Offsets are committed at most this often (a synchronous round trip per finished result would
     * stall decoding); a crash redelivers at most this much more, and storage keeps one result each.
     */
    private static final Duration COMMIT_EVERY = Duration.ofMillis(250);
    private static final Duration BUSY_POLL_EVERY = Duration.ofMillis(50);
    /** How long a rebalance or a shutdown waits for Kafka to take the results of finished work. */
    private static final Duration DRAIN_TIMEOUT = Duration.ofSeconds(60);

    /**
     * What a worker reports as it goes, for metrics and health. Called on the worker's thread, after
     * the event's record is acknowledged by Kafka; keep it quick (a failure is logged and ignored).
     */
    public interface Listener {

        /** The loop subscribed to the pool's work topic and is about to poll. */
        default void started() {}

        /** A result (done or error) was written. */
        default void resultWritten(ProblemResult result) {}

        /** An unreadable record was written to the dead-letter topic. */
        default void deadLettered(DeadLetter letter) {}
    }

    /** A request in the batch, with where it came from. */
    private record InFlight(TopicPartition partition, long offset, ProblemRequest request, Instant started) {}

    /** What an outbox record answers for: the work record it settles, and what to tell the listener. */
    private record Outcome(TopicPartition partition, long offset, ProblemResult result, DeadLetter letter) {}

    private final WorkerConfig config;
    private final RoutedDecoder decoder;
    private final RequestMapper mainMapper;
    private final RequestMapper tldrMapper;
    private final Consumer<String, String> consumer;
    private final Producer<String, String> producer;
    private final ResultOutbox<Outcome> outbox;
    private final CancelledBatches cancelled;
    private final OffsetTracker offsets = new OffsetTracker();
    private final Map<String, InFlight> inFlight = new HashMap<>();
    private final Listener listener;
    private volatile boolean stopping;
    private volatile long completed;
    private volatile int inFlightCount;
    private volatile boolean assigned;
    private long lastCommitWarning;
    private long lastPollNanos;
    private long lastCommitNanos;

    /**
     * With the Kafka clients given ({@link WorkerFactory} builds them), so the loop also runs against Kafka's own
     * mock clients in tests.
     */
    public PoolWorker(WorkerConfig config, ServedModels models, Listener listener,
                      Consumer<String, String> consumer, Producer<String, String> producer,
                      CancelledBatches cancelled) {
        this.config = config;
        this.listener = listener;
        // Each model's batch may hold the whole in-flight allowance: the offset tracker caps the total.
        this.decoder = new RoutedDecoder(models.main(), models.tldr(), config.maxInFlight());
        this.mainMapper = mapper(decoder.modelFor(Method.NONE), models.stopTemperatures(), config);
        this.tldrMapper = models.tldr() == null ? mainMapper
                : mapper(decoder.modelFor(Method.TLDR), models.stopTemperatures(), config);
        this.consumer = consumer;
        this.producer = producer;
        this.outbox = new ResultOutbox<>(producer, PoolWorker::withoutText);
        this.cancelled = cancelled;
    }

    private static RequestMapper mapper(ReasonerModel model, StopTemperatureTable stopTemperatures,
                                        WorkerConfig config) {
        // The scheduler routed every request (pool and, for tldr, level): the default tiers never decide here.
        return new RequestMapper(model.descriptor().name(),
                BudgetPolicies.forModel(model, stopTemperatures, BudgetTiers.DEFAULTS), config.workerId());
    }

    private RequestMapper mapperFor(ProblemRequest request) {
        return request.method() == Method.TLDR ? tldrMapper : mainMapper;
    }

    /** Asks the loop to finish what is in flight and return. */
    public void stop() {
        stopping = true;
    }

    /** Requests finished (results, errors and dead letters acknowledged by Kafka) since start. */
    public long completed() {
        return completed;
    }

    /** Whether the pool's partitions (some of them) are this worker's: false while it joins its group. */
    public boolean assigned() {
        return assigned;
    }

    /** Records taken from the topic whose outcome is not yet acknowledged. */
    public int inFlight() {
        return inFlightCount;
    }

    @Override
    public void run() {
        consumer.subscribe(List.of(Topics.work(config.pool())), new Rebalance());
        tell(listener::started);
        try {
            while (!stopping) {
                if (!cancelled.caughtUp()) {
                    cancelled.refresh();
                    continue;
                }
                throttle();
                if (pollDue()) {
                    cancelled.refresh();
                    var records = consumer.poll(decoder.idle() ? IDLE_POLL : Duration.ZERO);
                    lastPollNanos = System.nanoTime();
                    assigned = !consumer.assignment().isEmpty();
                    List<ConsumerRecord<String, String>> batch = new ArrayList<>();
                    records.forEach(batch::add);
                    admit(batch);
                }
                if (!decoder.idle()) {
                    publish(decoder.step());
                }
                outbox.settle(this::delivered);
                if (System.nanoTime() - lastCommitNanos >= COMMIT_EVERY.toNanos()) {
                    noteReadPositions();
                    commit();
                }
            }
            finishInFlight();
            drainOutbox(DRAIN_TIMEOUT);
            commit();
        } finally {
            decoder.close();
            cancelled.close();
            consumer.close();
            producer.close(Duration.ofSeconds(5));
        }
    }

    /**
     * A decode step takes milliseconds; polling Kafka before every one would cost about as much. Poll
     * when there is room for more work (to keep the batch full) or now and then to stay in the group.
     */
    private boolean pollDue() {
        return decoder.idle() || offsets.inFlight() < config.maxInFlight()
                || System.nanoTime() - lastPollNanos >= BUSY_POLL_EVERY.toNanos();
    }

    private void throttle() {
        if (offsets.inFlight() >= config.maxInFlight()) {
            consumer.pause(consumer.assignment());
        } else if (!consumer.paused().isEmpty()) {
            consumer.resume(consumer.paused());
        }
    }

    private void admit(List<ConsumerRecord<String, String>> records) {
        List<InFlight> parsed = new ArrayList<>();
        for (ConsumerRecord<String, String> record : records) {
            TopicPartition partition = new TopicPartition(record.topic(), record.partition());
            offsets.started(partition, record.offset());
            inFlightCount = offsets.inFlight();
            try {
                ProblemRequest request = Json.forServices().readValue(record.value(), ProblemRequest.class);
                parsed.add(new InFlight(partition, record.offset(), request, Instant.now()));
            } catch (Exception e) {
                deadLetter(record, partition, "not a readable ProblemRequest: " + e.getMessage());
            }
        }
        parsed.sort(Comparator.comparingInt((InFlight f) -> -f.request().priority()));
        for (InFlight f : parsed) {
            String key = f.partition() + "@" + f.offset();
            RequestMapper mapper = mapperFor(f.request());
            Optional<BatchCancelled> skip = cancelled.of(f.request().batch());
            if (skip.isPresent()) {
                send(mapper.toCancelled(f.request(), config.pool(), skip.get(), Instant.now()), f);
                continue;
            }
            try {
                DecodeRequest d = mapper.toDecode(f.request());
                decoder.submit(new DecodeRequest(key, d.problem(), d.level(), d.settings(), d.messages()));
                inFlight.put(key, f);
            } catch (IllegalArgumentException e) {
                send(mapper.toError(f.request(), config.pool(), e.getMessage(), Instant.now()), f);
            }
        }
    }

    private void publish(List<DecodeResult> done) {
        Instant now = Instant.now();
        for (DecodeResult d : done) {
            InFlight f = inFlight.remove(d.id());
            send(mapperFor(f.request()).toResult(f.request(), config.pool(), d, f.started(), now), f);
        }
    }

    private void send(ProblemResult result, InFlight source) {
        outbox.send(new ProducerRecord<>(Topics.RESULTS, result.requestId(), json(result)),
                new Outcome(source.partition(), source.offset(), result, null));
    }

    private void deadLetter(ConsumerRecord<String, String> record, TopicPartition partition, String reason) {
        DeadLetter letter = new DeadLetter(1, record.topic(), record.key(), record.value(), reason);
        outbox.send(new ProducerRecord<>(Topics.DEAD_LETTERS, record.key(), json(letter)),
                new Outcome(partition, record.offset(), null, letter));
    }

    /** Kafka has the outcome: only now may the work record's offset be committed. */
    private void delivered(Outcome outcome) {
        offsets.finished(outcome.partition(), outcome.offset());
        inFlightCount = offsets.inFlight();
        completed++;
        if (outcome.letter() != null) {
            tell(() -> listener.deadLettered(outcome.letter()));
        } else {
            tell(() -> listener.resultWritten(outcome.result()));
        }
    }

    private void finishInFlight() {
        while (!decoder.idle()) {
            publish(decoder.step());
        }
    }

    /** Waits, bounded, for Kafka to take what the outbox holds; what it does not take is redelivered later. */
    private void drainOutbox(Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        outbox.settle(this::delivered);
        while (!outbox.isEmpty() && System.nanoTime() < deadline) {
            sleep(20);
            outbox.settle(this::delivered);
        }
        if (!outbox.isEmpty()) {
            LOG.warn("{}: {} result(s) not acknowledged by Kafka within {}; their requests stay uncommitted and "
                    + "will be redelivered", config.workerId(), outbox.size(), timeout);
        }
    }

    /** Lets partitions with nothing pending commit as far as they were read (past transaction markers). */
    private void noteReadPositions() {
        Set<TopicPartition> assigned = consumer.assignment();
        for (TopicPartition p : offsets.partitions()) {
            if (assigned.contains(p) && !offsets.hasPending(p)) {
                try {
                    offsets.readUpTo(p, consumer.position(p, Duration.ZERO));
                } catch (KafkaException e) {
                    // position unknown right now (e.g. just reassigned): the next loop sees it
                }
            }
        }
    }

    private void commit() {
        lastCommitNanos = System.nanoTime();
        Map<TopicPartition, OffsetAndMetadata> positions = offsets.toCommit();
        if (positions.isEmpty()) {
            return;
        }
        try {
            consumer.commitSync(positions, COMMIT_TIMEOUT);
            offsets.committed(positions);
        } catch (WakeupException | InterruptException e) {
            throw e;
        } catch (KafkaException e) {
            // the broker is away, or a rebalance is under way: offer the same positions again next loop
            long now = System.nanoTime();
            if (now - lastCommitWarning > Duration.ofSeconds(30).toNanos()) {
                lastCommitWarning = now;
                LOG.warn("{}: could not commit offsets ({}); trying again", config.workerId(), e.toString());
            }
        }
    }

    /** A listener's failure is logged, never allowed to stop the loop or skip a commit. */
    private static void tell(Runnable event) {
        try {
            event.run();
        } catch (RuntimeException e) {
            LOG.warn("worker listener failed", e);
        }
    }

    /**
     * A result Kafka refused as too large, without its text: the tokens were spent, so the counts must
     * still reach the ledger.
     */
    private static ProducerRecord<String, String> withoutText(ProducerRecord<String, String> record) {
        if (!Topics.RESULTS.equals(record.topic())) {
            DeadLetter d = readLetter(record.value());
            return new ProducerRecord<>(record.topic(), record.key(), json(new DeadLetter(d.schemaVersion(),
                    d.sourceTopic(), d.key(), null, d.reason() + "; payload dropped: too large for Kafka")));
        }
        ProblemResult r = read(record.value());
        ProblemResult small = new ProblemResult(r.schemaVersion(), r.requestId(), r.clientId(), r.tenant(), r.batch(),
                r.sequence(), r.finalAnswer(), null, null, r.promptTokens(), r.thinkingTokens(), r.answerTokens(),
                r.injectedTokens(), r.generatedTokens(), r.budget(), r.stopReason(), r.model(), r.method(), r.level(),
                r.stopTemperature(), r.pool(), r.worker(), r.timings(),
                "the result's text was larger than Kafka accepts; counts kept, thinking and answer dropped",
                r.apiKeyId());
        return new ProducerRecord<>(record.topic(), record.key(), json(small));
    }

    private static ProblemResult read(String json) {
        try {
            return Json.forServices().readValue(json, ProblemResult.class);
        } catch (Exception e) {
            throw new IllegalStateException("cannot read back a result this worker wrote", e);
        }
    }

    private static DeadLetter readLetter(String json) {
        try {
            return Json.forServices().readValue(json, DeadLetter.class);
        } catch (Exception e) {
            throw new IllegalStateException("cannot read back a dead letter this worker wrote", e);
        }
    }

    private static String json(Object value) {
        try {
            return Json.forServices().writeValueAsString(value);
        } catch (Exception e) {
            throw new IllegalStateException("cannot write " + value.getClass().getSimpleName() + " as JSON", e);
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private final class Rebalance implements ConsumerRebalanceListener {
        @Override
        public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
            if (partitions.stream().anyMatch(offsets::hasPending)) {
                LOG.info("finishing in-flight requests before giving up {}", partitions);
                finishInFlight();
                drainOutbox(DRAIN_TIMEOUT);
            }
            commit();
            partitions.forEach(offsets::forget);
            inFlightCount = offsets.inFlight();
        }

        @Override
        public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
            // nothing to do: positions come from the committed offsets
        }

        @Override
        public void onPartitionsLost(Collection<TopicPartition> partitions) {
            // Another worker owns them now and will redo their requests; storage keeps one result each.
            partitions.forEach(offsets::forget);
            inFlightCount = offsets.inFlight();
        }
    }
}
