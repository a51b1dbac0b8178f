package io.thinkmeter.ops.platform;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.thinkmeter.contracts.DeadLetter;
import io.thinkmeter.contracts.Json;
import io.thinkmeter.contracts.Pool;
import io.thinkmeter.contracts.ProblemRequest;
import io.thinkmeter.contracts.ProblemResult;
import io.thinkmeter.contracts.Topics;
import io.thinkmeter.ops.TestModels;
import io.thinkmeter.ops.embedded.EmbeddedKafka;
import io.thinkmeter.workers.engine.StopTemperatureTable;
import io.thinkmeter.workers.model.ReasonerModel;
import io.thinkmeter.workers.runtime.RuntimeOptions;
import io.thinkmeter.workers.service.PoolWorker;
import io.thinkmeter.workers.service.WorkerConfig;
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
        Path model = TestModels.tinyReasoner();
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
                            i % 2 == 0 ? "ts" : "budget-forcing", null, null, null, null, 0, Pool.SHORT,
                            Instant.now());
                    producer.send(new ProducerRecord<>(Topics.WORK_SHORT, r.id(),
                            Json.forServices().writeValueAsString(r))).get();
                }
                producer.send(new ProducerRecord<>(Topics.WORK_SHORT, "bad", "{not json")).get();
            }
            PoolWorker worker = new PoolWorker(new WorkerConfig(kafka.bootstrapServers(), Pool.SHORT, 8, "w1"),
                    reasoner, StopTemperatureTable.defaults());
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
                var committed = admin.listConsumerGroupOffsets("thinkmeter-workers-short")
                        .partitionsToOffsetAndMetadata().get();
                assertEquals(21, committed.values().stream().mapToLong(o -> o.offset()).sum(),
                        "every record's offset is committed once its outcome is written");
            }
        }
    }
}
