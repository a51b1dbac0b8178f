package io.thinkmeter.workers.service;

import io.thinkmeter.contracts.DeadLetter;
import io.thinkmeter.contracts.Json;
import io.thinkmeter.contracts.ProblemRequest;
import io.thinkmeter.contracts.ProblemResult;
import io.thinkmeter.contracts.Topics;
import io.thinkmeter.workers.decoding.Method;
import io.thinkmeter.workers.engine.DecodeRequest;
import io.thinkmeter.workers.engine.DecodeResult;
import io.thinkmeter.workers.engine.RoutedDecoder;
import io.thinkmeter.workers.engine.StopTemperatureTable;
import io.thinkmeter.workers.model.ReasonerModel;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
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
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;

/**
 * Serves one pool: takes requests from its work topic into the decoder's batch (up to maxInFlight
 * at once), writes each result to the results topic, and commits a record's offset only after its
 * result is acknowledged by Kafka. A crash therefore redelivers unfinished requests (at least once);
 * storage keeps one result per request. On shutdown it stops taking work and finishes what is in
 * flight; when partitions are taken away it finishes their requests before letting them go.
 */
public final class PoolWorker implements Runnable {

    private static final Logger LOG = LoggerFactory.getLogger(PoolWorker.class);

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

    private static final Listener NO_LISTENER = new Listener() {};

    /** A request in the batch, with where it came from. */
    private record InFlight(TopicPartition partition, long offset, ProblemRequest request, Instant started) {}

    private final WorkerConfig config;
    private final RoutedDecoder decoder;
    private final RequestMapper mainMapper;
    private final RequestMapper tldrMapper;
    private final KafkaConsumer<String, String> consumer;
    private final KafkaProducer<String, String> producer;
    private final OffsetTracker offsets = new OffsetTracker();
    private final Map<String, InFlight> inFlight = new HashMap<>();
    private final Listener listener;
    private volatile boolean stopping;
    private volatile long completed;
    private volatile int inFlightCount;

    public PoolWorker(WorkerConfig config, ReasonerModel model, StopTemperatureTable stopTemperatures) {
        this(config, model, stopTemperatures, NO_LISTENER);
    }

    public PoolWorker(WorkerConfig config, ReasonerModel model, StopTemperatureTable stopTemperatures,
                      Listener listener) {
        this(config, ServedModels.single(model, stopTemperatures), listener);
    }

    public PoolWorker(WorkerConfig config, ServedModels models) {
        this(config, models, NO_LISTENER);
    }

    public PoolWorker(WorkerConfig config, ServedModels models, Listener listener) {
        this.config = config;
        this.listener = listener;
        // Each model's batch may hold the whole in-flight allowance: the offset tracker caps the total.
        this.decoder = new RoutedDecoder(models.main(), models.tldr(), config.maxInFlight());
        this.mainMapper = mapper(decoder.modelFor(Method.NONE), models.stopTemperatures(), config);
        this.tldrMapper = models.tldr() == null ? mainMapper
                : mapper(decoder.modelFor(Method.TLDR), models.stopTemperatures(), config);
        this.consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, config.bootstrapServers(),
                ConsumerConfig.GROUP_ID_CONFIG, config.groupId(),
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false,
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                ConsumerConfig.MAX_POLL_RECORDS_CONFIG, config.maxInFlight(),
                ConsumerConfig.CLIENT_ID_CONFIG, config.workerId()),
                new StringDeserializer(), new StringDeserializer());
        this.producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, config.bootstrapServers(),
                ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true,
                ProducerConfig.LINGER_MS_CONFIG, 5,
                ProducerConfig.CLIENT_ID_CONFIG, config.workerId() + "-results"),
                new StringSerializer(), new StringSerializer());
    }

    private static RequestMapper mapper(ReasonerModel model, StopTemperatureTable stopTemperatures,
                                        WorkerConfig config) {
        return new RequestMapper(model.descriptor().name(), model.descriptor().defaultAnswerReserve(),
                stopTemperatures, config.workerId());
    }

    private RequestMapper mapperFor(ProblemRequest request) {
        return "tldr".equals(request.method()) ? tldrMapper : mainMapper;
    }

    /** Asks the loop to finish what is in flight and return. */
    public void stop() {
        stopping = true;
    }

    /** Requests finished (results, errors and dead letters written) since start. */
    public long completed() {
        return completed;
    }

    /** Records taken from the topic whose outcome is not yet written. */
    public int inFlight() {
        return inFlightCount;
    }

    @Override
    public void run() {
        consumer.subscribe(List.of(Topics.work(config.pool())), new Rebalance());
        tell(listener::started);
        try {
            while (!stopping) {
                throttle();
                var records = consumer.poll(decoder.idle() ? Duration.ofMillis(200) : Duration.ZERO);
                List<ConsumerRecord<String, String>> batch = new ArrayList<>();
                records.forEach(batch::add);
                admit(batch);
                if (!decoder.idle()) {
                    publish(decoder.step());
                }
                commit();
            }
            finishInFlight();
            commit();
        } finally {
            decoder.close();
            consumer.close();
            producer.close();
        }
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
            try {
                DecodeRequest d = mapper.toDecode(f.request());
                decoder.submit(new DecodeRequest(key, d.problem(), d.level(), d.settings()));
                inFlight.put(key, f);
            } catch (IllegalArgumentException e) {
                ProblemResult error = mapper.toError(f.request(), config.pool(), e.getMessage(), Instant.now());
                send(List.of(error), List.of(f));
            }
        }
    }

    private void publish(List<DecodeResult> done) {
        if (done.isEmpty()) {
            return;
        }
        List<ProblemResult> results = new ArrayList<>();
        List<InFlight> sources = new ArrayList<>();
        Instant now = Instant.now();
        for (DecodeResult d : done) {
            InFlight f = inFlight.remove(d.id());
            results.add(mapperFor(f.request()).toResult(f.request(), config.pool(), d, f.started(), now));
            sources.add(f);
        }
        send(results, sources);
    }

    /** Writes results and waits for Kafka's acknowledgement before their offsets may be committed. */
    private void send(List<ProblemResult> results, List<InFlight> sources) {
        List<Future<RecordMetadata>> acks = new ArrayList<>();
        for (ProblemResult r : results) {
            acks.add(producer.send(new ProducerRecord<>(Topics.RESULTS, r.requestId(), json(r))));
        }
        producer.flush();
        for (int i = 0; i < acks.size(); i++) {
            await(acks.get(i), "result of " + results.get(i).requestId());
            offsets.finished(sources.get(i).partition(), sources.get(i).offset());
            inFlightCount = offsets.inFlight();
            completed++;
            ProblemResult written = results.get(i);
            tell(() -> listener.resultWritten(written));
        }
    }

    private void deadLetter(ConsumerRecord<String, String> record, TopicPartition partition, String reason) {
        DeadLetter letter = new DeadLetter(1, record.topic(), record.key(), record.value(), reason);
        await(producer.send(new ProducerRecord<>(Topics.DEAD_LETTERS, record.key(), json(letter))),
                "dead letter of " + partition + "@" + record.offset());
        offsets.finished(partition, record.offset());
        inFlightCount = offsets.inFlight();
        completed++;
        tell(() -> listener.deadLettered(letter));
    }

    private void finishInFlight() {
        while (!decoder.idle()) {
            publish(decoder.step());
        }
    }

    private void commit() {
        var positions = offsets.toCommit();
        if (!positions.isEmpty()) {
            consumer.commitSync(positions);
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

    private static String json(Object value) {
        try {
            return Json.forServices().writeValueAsString(value);
        } catch (Exception e) {
            throw new IllegalStateException("cannot write " + value.getClass().getSimpleName() + " as JSON", e);
        }
    }

    private static void await(Future<RecordMetadata> ack, String what) {
        try {
            ack.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while writing the " + what, e);
        } catch (ExecutionException e) {
            // Not committing is what keeps the request: it is redelivered after a restart.
            throw new IllegalStateException("Kafka refused the " + what + ": " + e.getCause(), e.getCause());
        }
    }

    private final class Rebalance implements ConsumerRebalanceListener {
        @Override
        public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
            if (partitions.stream().anyMatch(offsets::hasPending)) {
                LOG.info("finishing in-flight requests before giving up {}", partitions);
                finishInFlight();
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
