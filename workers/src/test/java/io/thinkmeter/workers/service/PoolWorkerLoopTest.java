package io.thinkmeter.workers.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.thinkmeter.contracts.Json;
import io.thinkmeter.contracts.Method;
import io.thinkmeter.contracts.Pool;
import io.thinkmeter.contracts.ProblemRequest;
import io.thinkmeter.contracts.ProblemResult;
import io.thinkmeter.contracts.Topics;
import io.thinkmeter.engine.TinyModel;
import io.thinkmeter.engine.StopTemperatureTable;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.MockConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

/**
 * The worker's loop on the real tiny model with Kafka's own mock clients: what it does when Kafka
 * refuses results (a broker outage longer than the producer's delivery timeout) and when a commit fails.
 */
class PoolWorkerLoopTest {

    private static final TopicPartition WORK = new TopicPartition(Topics.WORK_SHORT, 0);

    /** Kafka's mock consumer, whose commits can be made to fail as they do while the coordinator is away. */
    private static final class FlakyCommits extends MockConsumer<String, String> {
        volatile boolean failing;

        FlakyCommits() {
            super("earliest");
        }

        @Override
        public synchronized void commitSync(Map<TopicPartition, OffsetAndMetadata> offsets, Duration timeout) {
            if (failing) {
                throw new TimeoutException("timed out committing offsets: the group coordinator is not available");
            }
            super.commitSync(offsets, timeout);
        }
    }

    private FlakyCommits consumer;
    private MockProducer<String, String> producer;
    private PoolWorker worker;
    private Thread loop;
    private volatile Throwable died;

    @BeforeEach
    void start() {
        consumer = new FlakyCommits();
        producer = new MockProducer<>(false, null, new StringSerializer(), new StringSerializer());
        worker = new PoolWorker(new WorkerConfig("unused:9092", Pool.SHORT, 8, "w-test"),
                ServedModels.single(TinyModel.shared(), StopTemperatureTable.defaults()), new PoolWorker.Listener() {},
                consumer, producer, new CancelledBatches(noCancellations()));
        consumer.schedulePollTask(() -> {
            consumer.rebalance(List.of(WORK));
            consumer.updateBeginningOffsets(Map.of(WORK, 0L));
            for (int i = 0; i < 3; i++) {
                consumer.addRecord(new ConsumerRecord<>(WORK.topic(), 0, i, "r" + i, request("r" + i)));
            }
        });
        loop = new Thread(() -> {
            try {
                worker.run();
            } catch (Throwable t) {
                died = t;
            }
        }, "pool-worker-under-test");
        loop.start();
    }

    @AfterEach
    void stop() throws InterruptedException {
        worker.stop();
        // let the drain finish: acknowledge whatever is still waiting
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (loop.isAlive() && System.nanoTime() < deadline) {
            producer.completeNext();
            loop.join(50);
        }
    }

    @Test
    @Timeout(value = 2, unit = TimeUnit.MINUTES)
    void shouldSendResultsAgainWhenKafkaRefusedThemAndCommitOnlyOnceTheyAreAcknowledged() throws Exception {
        await(() -> producer.history().size() == 3, "three results sent");
        assertEquals(0, committedOffset(), "nothing is committed before Kafka acknowledges the results");

        // a broker outage longer than delivery.timeout.ms: every send fails
        for (int i = 0; i < 3; i++) {
            assertTrue(producer.errorNext(new TimeoutException("Expiring 1 record(s): 120000 ms has passed")));
        }
        await(() -> producer.history().size() == 6, "the three results sent again after the pause");
        assertTrue(loop.isAlive(), "the worker outlived the failed sends: " + died);
        assertEquals(0, committedOffset(), "refused results leave their requests uncommitted");

        for (int i = 0; i < 3; i++) {
            assertTrue(producer.completeNext());
        }
        await(() -> committedOffset() == 3,
                "offsets committed once the results are acknowledged");
        List<String> ids = producer.history().stream().map(ProducerRecord::key).distinct().sorted().toList();
        assertEquals(List.of("r0", "r1", "r2"), ids);
        for (ProducerRecord<String, String> r : producer.history()) {
            ProblemResult result = Json.forServices().readValue(r.value(), ProblemResult.class);
            assertEquals(Topics.RESULTS, r.topic());
            assertTrue(result.generatedTokens() <= result.budget());
        }
    }

    @Test
    @Timeout(value = 2, unit = TimeUnit.MINUTES)
    void shouldKeepWorkingWhenACommitFailsAndCommitOnTheNextTry() throws Exception {
        await(() -> producer.history().size() == 3, "three results sent");
        consumer.failing = true;
        for (int i = 0; i < 3; i++) {
            assertTrue(producer.completeNext());
        }
        Thread.sleep(500);
        assertTrue(loop.isAlive(), "a failed commit does not end the loop: " + died);
        assertEquals(0, committedOffset());
        consumer.failing = false;
        await(() -> committedOffset() == 3,
                "the same offsets committed once the commit goes through");
    }

    /** Where the pool's group would resume: 0 when nothing past the first record is committed. */
    private long committedOffset() {
        OffsetAndMetadata c = consumer.committed(Set.of(WORK)).get(WORK);
        return c == null ? 0 : c.offset();
    }

    private void await(BooleanSupplier condition, String what) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (!condition.getAsBoolean()) {
            if (died != null) {
                throw new AssertionError("the worker loop died waiting for: " + what, died);
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out waiting for: " + what);
            }
            Thread.sleep(20);
        }
    }

    private static String request(String id) {
        try {
            return Json.forServices().writeValueAsString(new ProblemRequest(1, id, null, "acme", "b", 0,
                    "Compute 478 + 356.", 48, Method.TS, null, null, null, null, 0, Pool.SHORT, Instant.now()));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** The cancellations topic, with one empty partition. */
    private static MockConsumer<String, String> noCancellations() {
        MockConsumer<String, String> c = new MockConsumer<>("earliest");
        TopicPartition p = new TopicPartition(Topics.CANCELLATIONS, 0);
        c.updatePartitions(Topics.CANCELLATIONS, List.of(new PartitionInfo(Topics.CANCELLATIONS, 0, null, null, null)));
        c.updateBeginningOffsets(Map.of(p, 0L));
        c.updateEndOffsets(Map.of(p, 0L));
        return c;
    }
}
