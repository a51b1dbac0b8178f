package io.thinkmeter.workers.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.thinkmeter.contracts.BatchCancelled;
import io.thinkmeter.contracts.ChatMessage;
import io.thinkmeter.contracts.ConsumerGroups;
import io.thinkmeter.contracts.DeadLetter;
import io.thinkmeter.contracts.Json;
import io.thinkmeter.contracts.Method;
import io.thinkmeter.contracts.Pool;
import io.thinkmeter.contracts.ProblemRequest;
import io.thinkmeter.contracts.ProblemResult;
import io.thinkmeter.contracts.StopReason;
import io.thinkmeter.contracts.Topics;
import io.thinkmeter.engine.TinyModel;
import io.thinkmeter.testkit.EmbeddedKafka;
import io.thinkmeter.engine.StopTemperatureTable;
import io.thinkmeter.engine.ReasonerModel;
import io.thinkmeter.engine.runtime.RuntimeOptions;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** A pool worker on a real broker and the real tiny model. */
class PoolWorkerIT {

    @Test
    @Timeout(value = 4, unit = TimeUnit.MINUTES)
    void shouldAnswerEveryRequestOnceAndDeadLetterUnreadableRecords(@TempDir Path dir) throws Exception {
        Path model = TinyModel.directory();
        List<String> problems = Files.readAllLines(model.resolve("eval.jsonl")).subList(0, 20);
        try (EmbeddedKafka kafka = EmbeddedKafka.start(dir);
             ReasonerModel reasoner = ReasonerModel.open(model, RuntimeOptions.cpuDefaults())) {
            kafka.createTopics(Topics.all(), 2);
            try (KafkaProducer<String, String> producer = new KafkaProducer<>(Map.of(
                    ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers()),
                    new StringSerializer(), new StringSerializer())) {
                for (int i = 0; i < problems.size(); i++) {
                    String problem = Json.forServices().readTree(problems.get(i)).get("problem").asText();
                    ProblemRequest r = new ProblemRequest(1, "r" + i, null, "acme", "b1", i, problem, 48 + 4 * i,
                            i % 2 == 0 ? Method.TS : Method.BUDGET_FORCING, null, null, null, null, 0, Pool.SHORT,
                            Instant.now());
                    producer.send(new ProducerRecord<>(Topics.WORK_SHORT, r.id(),
                            Json.forServices().writeValueAsString(r))).get();
                }
                producer.send(new ProducerRecord<>(Topics.WORK_SHORT, "bad", "{not json")).get();
            }
            PoolWorker worker = WorkerFactory.build(new WorkerConfig(kafka.bootstrapServers(), Pool.SHORT, 8, "w1"),
                    ServedModels.single(reasoner, StopTemperatureTable.defaults()), new PoolWorker.Listener() {}).worker();
            Thread thread = new Thread(worker, "worker");
            thread.start();
            Map<String, List<ProblemResult>> results = new HashMap<>();
            List<DeadLetter> dead = new ArrayList<>();
            try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(Map.of(
                    ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers(),
                    ConsumerConfig.GROUP_ID_CONFIG, "check", ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest"),
                    new StringDeserializer(), new StringDeserializer())) {
                consumer.subscribe(List.of(Topics.RESULTS, Topics.DEAD_LETTERS));
                long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(3);
                while ((results.size() < 20 || dead.isEmpty()) && System.nanoTime() < deadline) {
                    for (ConsumerRecord<String, String> rec : consumer.poll(Duration.ofMillis(500))) {
                        if (rec.topic().equals(Topics.RESULTS)) {
                            ProblemResult r = Json.forServices().readValue(rec.value(), ProblemResult.class);
                            results.computeIfAbsent(r.requestId(), k -> new ArrayList<>()).add(r);
                        } else {
                            dead.add(Json.forServices().readValue(rec.value(), DeadLetter.class));
                        }
                    }
                }
            }
            worker.stop();
            thread.join(60_000);
            assertEquals(20, results.size());
            for (List<ProblemResult> list : results.values()) {
                assertEquals(1, list.size(), "one result per request");
                ProblemResult r = list.get(0);
                assertNull(r.error());
                assertTrue(r.generatedTokens() <= r.budget(), r.requestId() + " spent " + r.generatedTokens());
                assertEquals(r.generatedTokens(), r.thinkingTokens() + r.answerTokens());
                assertEquals("w1", r.worker());
                assertEquals(Pool.SHORT, r.pool());
            }
            assertEquals(1, dead.size());
            assertEquals("{not json", dead.get(0).payload());
            assertTrue(dead.get(0).reason().startsWith("not a readable ProblemRequest"), dead.get(0).reason());
            try (var admin = kafka.admin()) {
                var committed = admin.listConsumerGroupOffsets(ConsumerGroups.workers(Pool.SHORT))
                        .partitionsToOffsetAndMetadata().get();
                assertEquals(21, committed.values().stream().mapToLong(o -> o.offset()).sum(),
                        "every record's offset is committed once its outcome is written");
            }
        }
    }

    /**
     * The scheduler writes work in transactions. A worker must never decode (and charge) the records
     * of an aborted one, and must commit past the commit markers, so the pool shows no lag when idle.
     */
    @Test
    @Timeout(value = 4, unit = TimeUnit.MINUTES)
    void shouldDecodeOnlyCommittedWorkAndLeaveNoLag(@TempDir Path dir) throws Exception {
        try (EmbeddedKafka kafka = EmbeddedKafka.start(dir);
             ReasonerModel reasoner = ReasonerModel.open(TinyModel.directory(), RuntimeOptions.cpuDefaults())) {
            kafka.createTopics(Topics.all(), 2);
            try (KafkaProducer<String, String> tx = new KafkaProducer<>(Map.of(
                    ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers(),
                    ProducerConfig.TRANSACTIONAL_ID_CONFIG, "scheduler-like"),
                    new StringSerializer(), new StringSerializer())) {
                tx.initTransactions();
                tx.beginTransaction();
                for (int i = 0; i < 5; i++) {
                    tx.send(work("aborted-" + i, 48)).get();
                }
                tx.abortTransaction();
                tx.beginTransaction();
                for (int i = 0; i < 5; i++) {
                    tx.send(work("committed-" + i, 48));
                }
                tx.commitTransaction();
            }
            PoolWorker worker = WorkerFactory.build(new WorkerConfig(kafka.bootstrapServers(), Pool.SHORT, 8, "w1"),
                    ServedModels.single(reasoner, StopTemperatureTable.defaults()), new PoolWorker.Listener() {}).worker();
            Thread thread = new Thread(worker, "worker");
            thread.start();
            Map<String, Integer> answered = awaitResults(kafka.bootstrapServers(), 5, Duration.ofMinutes(2));
            // give an aborted record every chance to be decoded before looking
            awaitLag(kafka, 0, Duration.ofMinutes(1));
            worker.stop();
            thread.join(60_000);
            assertEquals(Map.of("committed-0", 1, "committed-1", 1, "committed-2", 1, "committed-3", 1,
                    "committed-4", 1), readResults(kafka.bootstrapServers(), Duration.ofSeconds(5)));
            assertEquals(5, answered.size());
        }
    }

    /**
     * A broker outage longer than the producer's delivery timeout (here 8 s, 120 s by default) used to
     * kill the worker ("Kafka refused the result ... Expiring N record(s)"). Now its results wait and go
     * out when the broker is back: every request answered, the worker still running.
     */
    @Test
    @Timeout(value = 5, unit = TimeUnit.MINUTES)
    void shouldOutliveABrokerOutageLongerThanTheDeliveryTimeout(@TempDir Path dir) throws Exception {
        int requests = 40;
        EmbeddedKafka kafka = EmbeddedKafka.start(dir);
        try (ReasonerModel reasoner = ReasonerModel.open(TinyModel.directory(), RuntimeOptions.cpuDefaults())) {
            kafka.createTopics(Topics.all(), 2);
            try (KafkaProducer<String, String> producer = new KafkaProducer<>(Map.of(
                    ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers()),
                    new StringSerializer(), new StringSerializer())) {
                for (int i = 0; i < requests; i++) {
                    producer.send(work("r" + i, 192)).get();
                }
            }
            PoolWorker worker = WorkerFactory.build(new WorkerConfig(kafka.bootstrapServers(), Pool.SHORT, 8, "w1",
                    Map.of(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 8_000,
                            ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, 3_000)),
                    ServedModels.single(reasoner, StopTemperatureTable.defaults()), new PoolWorker.Listener() {}).worker();
            Thread thread = new Thread(worker, "worker");
            thread.start();
            awaitResults(kafka.bootstrapServers(), 1, Duration.ofMinutes(2));
            kafka.kill();
            Thread.sleep(20_000);
            assertTrue(thread.isAlive(), "the worker is still running after 20 s without a broker");
            kafka = EmbeddedKafka.start(dir);
            Map<String, Integer> answered = awaitResults(kafka.bootstrapServers(), requests, Duration.ofMinutes(3));
            assertEquals(requests, answered.size(), "every request answered: " + answered.keySet());
            assertTrue(thread.isAlive());
            worker.stop();
            thread.join(60_000);
        } finally {
            kafka.close();
        }
    }

    /**
     * A batch cancelled before its requests reach the worker: each gets a cancelled result (nothing
     * generated, so nothing charged) while other work runs, here a conversation with no thinking allowed.
     */
    @Test
    @Timeout(value = 4, unit = TimeUnit.MINUTES)
    void shouldSkipACancelledBatchAndDecodeAConversationWithItsLimits(@TempDir Path dir) throws Exception {
        try (EmbeddedKafka kafka = EmbeddedKafka.start(dir);
             ReasonerModel reasoner = ReasonerModel.open(TinyModel.directory(), RuntimeOptions.cpuDefaults())) {
            kafka.createTopics(Topics.all(), 2);
            try (KafkaProducer<String, String> producer = new KafkaProducer<>(Map.of(
                    ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers()),
                    new StringSerializer(), new StringSerializer())) {
                BatchCancelled cancel = new BatchCancelled(1, "gone", "acme", BatchCancelled.CANCELLED, Instant.now());
                producer.send(new ProducerRecord<>(Topics.CANCELLATIONS, "gone",
                        Json.forServices().writeValueAsString(cancel))).get();
                for (int i = 0; i < 3; i++) {
                    producer.send(work("gone-" + i, "gone", 48, null)).get();
                }
                producer.send(work("kept-plain", "kept", 48, null)).get();
                producer.send(work("kept-chat", "kept", 48, List.of(new ChatMessage("user", "Compute 2 + 2."),
                        new ChatMessage("assistant", "4"), new ChatMessage("user", "Compute 478 + 356.")))).get();
            }
            PoolWorker worker = WorkerFactory.build(new WorkerConfig(kafka.bootstrapServers(), Pool.SHORT, 8, "w1"),
                    ServedModels.single(reasoner, StopTemperatureTable.defaults()), new PoolWorker.Listener() {}).worker();
            Thread thread = new Thread(worker, "worker");
            thread.start();
            Map<String, ProblemResult> results = new HashMap<>();
            try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(Map.of(
                    ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers(),
                    ConsumerConfig.GROUP_ID_CONFIG, "check", ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest"),
                    new StringDeserializer(), new StringDeserializer())) {
                consumer.subscribe(List.of(Topics.RESULTS));
                long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(2);
                while (results.size() < 5 && System.nanoTime() < deadline) {
                    for (ConsumerRecord<String, String> rec : consumer.poll(Duration.ofMillis(500))) {
                        ProblemResult r = Json.forServices().readValue(rec.value(), ProblemResult.class);
                        results.put(r.requestId(), r);
                    }
                }
            }
            worker.stop();
            thread.join(60_000);
            assertEquals(5, results.size(), results.keySet().toString());
            for (int i = 0; i < 3; i++) {
                ProblemResult r = results.get("gone-" + i);
                assertEquals(StopReason.CANCELLED, r.stopReason());
                assertEquals(0, r.generatedTokens());
                assertEquals(0, r.promptTokens());
                assertEquals("cancelled: the batch was cancelled before this request started", r.error());
            }
            ProblemResult chat = results.get("kept-chat");
            assertNull(chat.error());
            assertEquals(0, chat.thinkingTokens(), "thinking limit 0: the answer is forced at once");
            assertTrue(chat.promptTokens() > results.get("kept-plain").promptTokens(), "the earlier turns are in the prompt");
            assertNull(results.get("kept-plain").error());
        }
    }

    private static ProducerRecord<String, String> work(String id, String batch, int budget, List<ChatMessage> chat)
            throws Exception {
        ProblemRequest r = new ProblemRequest(1, id, null, "acme", batch, 0, "Compute 478 + 356.", budget,
                Method.BUDGET_FORCING, null, null, null, null, 0, Pool.SHORT, Instant.now(), chat,
                chat == null ? null : 0, null, chat == null ? null : "learner-7");
        return new ProducerRecord<>(Topics.WORK_SHORT, r.id(), Json.forServices().writeValueAsString(r));
    }

    private static ProducerRecord<String, String> work(String id, int budget) throws Exception {
        ProblemRequest r = new ProblemRequest(1, id, null, "acme", "b1", 0, "Compute 478 + 356.", budget, Method.TS,
                null, null, null, null, 0, Pool.SHORT, Instant.now());
        return new ProducerRecord<>(Topics.WORK_SHORT, r.id(), Json.forServices().writeValueAsString(r));
    }

    /** Results read (read_committed) until {@code expected} distinct requests are answered; id -> copies. */
    private static Map<String, Integer> awaitResults(String bootstrap, int expected, Duration patience)
            throws Exception {
        long deadline = System.nanoTime() + patience.toNanos();
        Map<String, Integer> seen = readResults(bootstrap, Duration.ofSeconds(1));
        while (seen.size() < expected && System.nanoTime() < deadline) {
            seen = readResults(bootstrap, Duration.ofSeconds(2));
        }
        return seen;
    }

    private static Map<String, Integer> readResults(String bootstrap, Duration patience) throws Exception {
        Map<String, Integer> seen = new HashMap<>();
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed"),
                new StringDeserializer(), new StringDeserializer())) {
            List<org.apache.kafka.common.TopicPartition> partitions = consumer.partitionsFor(Topics.RESULTS,
                    Duration.ofSeconds(30)).stream()
                    .map(p -> new org.apache.kafka.common.TopicPartition(p.topic(), p.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<org.apache.kafka.common.TopicPartition, Long> end = consumer.endOffsets(partitions, Duration.ofSeconds(30));
            long deadline = System.nanoTime() + patience.toNanos();
            while (System.nanoTime() < deadline && partitions.stream().anyMatch(p -> consumer.position(p) < end.get(p))) {
                for (ConsumerRecord<String, String> rec : consumer.poll(Duration.ofMillis(200))) {
                    seen.merge(rec.key(), 1, Integer::sum);
                }
            }
        }
        return seen;
    }

    private static void awaitLag(EmbeddedKafka kafka, long lag, Duration patience) throws Exception {
        long deadline = System.nanoTime() + patience.toNanos();
        long seen = -1;
        while (System.nanoTime() < deadline) {
            seen = kafka.lag(ConsumerGroups.workers(Pool.SHORT), Topics.WORK_SHORT);
            if (seen == lag) {
                return;
            }
            Thread.sleep(250);
        }
        throw new AssertionError("the pool's lag stayed at " + seen + ", expected " + lag);
    }
}
