package io.thinkmeter.ops.platform;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.thinkmeter.contracts.Json;
import io.thinkmeter.contracts.Method;
import io.thinkmeter.contracts.ProblemRequest;
import io.thinkmeter.contracts.Topics;
import io.thinkmeter.ops.TestModels;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;

/**
 * 50 problems through the real platform: Kafka broker, scheduler, the three pool workers on the tiny
 * model, the storage sink and PostgreSQL. One more request is invalid and must be rejected with its
 * reason without disturbing the others.
 */
class PlatformPipelineIT {

    private static final Method[] METHODS = {Method.NONE, Method.BUDGET_FORCING, Method.TS};
    private static final int[] BUDGETS = {40, 64, 100, 128, 200};

    @Test
    @Timeout(value = 8, unit = TimeUnit.MINUTES)
    void everyRequestShouldGetExactlyOneResultRowAndTheAuditViewsShouldAddUp(@TempDir Path dir) throws Exception {
        Path model = TestModels.tinyReasoner();
        List<String> lines = Files.readAllLines(model.resolve("eval.jsonl"));
        try (Platform platform = Platform.start(dir, ModelDirs.only(model), 8, new Properties())) {
            try (KafkaProducer<String, String> producer = new KafkaProducer<>(Map.of(
                    ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, platform.bootstrapServers()),
                    new StringSerializer(), new StringSerializer())) {
                for (int i = 0; i < 50; i++) {
                    String problem = Json.forServices().readTree(lines.get((i * 11) % lines.size())).get("problem").asText();
                    ProblemRequest r = new ProblemRequest(1, "req-" + i, "c" + i, i % 3 == 0 ? "beta" : "acme", "b1",
                            i, problem, BUDGETS[i % BUDGETS.length], METHODS[i % METHODS.length], null, null, null,
                            null, 0, null, Instant.now());
                    producer.send(new ProducerRecord<>(Topics.SUBMITTED, r.id(),
                            Json.forServices().writeValueAsString(r))).get();
                }
                ProblemRequest bad = new ProblemRequest(1, "req-bad", null, "acme", "b1", 50, "Compute 1 + 1.", 0,
                        Method.TS, null, null, null, null, 0, null, Instant.now());
                producer.send(new ProducerRecord<>(Topics.SUBMITTED, bad.id(),
                        Json.forServices().writeValueAsString(bad))).get();
            }
            awaitRows(platform, "SELECT count(*) FROM results", 50);
            awaitRows(platform, "SELECT count(*) FROM rejections", 1);
            try (Connection c = platform.database().getConnection(); Statement s = c.createStatement()) {
                assertEquals(50, single(s, "SELECT count(DISTINCT request_id) FROM results"));
                assertEquals(50, single(s, "SELECT count(*) FROM token_ledger"));
                assertEquals(0, single(s, "SELECT count(*) FROM results WHERE generated_tokens > budget"));
                assertEquals(0, single(s, "SELECT count(*) FROM results WHERE error IS NOT NULL"));
                assertEquals(single(s, "SELECT sum(generated_tokens) FROM results"),
                        single(s, "SELECT sum(generated_tokens) FROM spend_per_tenant_day"));
                assertEquals(single(s, "SELECT sum(thinking_tokens) FROM results"),
                        single(s, "SELECT sum(thinking_tokens) FROM spend_per_method"));
                assertEquals(single(s, "SELECT sum(answer_tokens) FROM results"),
                        single(s, "SELECT sum(answer_tokens) FROM spend_per_pool"));
                assertEquals(single(s, "SELECT sum(prompt_tokens) FROM results"),
                        single(s, "SELECT sum(prompt_tokens) FROM spend_per_batch"));
                assertEquals(3, single(s, "SELECT count(DISTINCT pool) FROM results"));
                assertEquals(50, single(s, "SELECT count(*) FROM requests WHERE state = 'done'"));
                try (ResultSet rs = s.executeQuery("SELECT reason FROM rejected_requests WHERE request_id = 'req-bad'")) {
                    assertTrue(rs.next());
                    assertTrue(rs.getString(1).contains("budget must be between 1 and"), rs.getString(1));
                }
                assertEquals(0, single(s, "SELECT count(*) FROM results WHERE request_id = 'req-bad'"));
            }
        }
    }

    private static long single(Statement s, String sql) throws SQLException {
        try (ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private static void awaitRows(Platform platform, String sql, long expected) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(6);
        long seen = -1;
        while (System.nanoTime() < deadline) {
            try (Connection c = platform.database().getConnection(); Statement s = c.createStatement()) {
                seen = single(s, sql);
                if (seen >= expected) {
                    return;
                }
            }
            Thread.sleep(250);
        }
        throw new AssertionError(sql + " reached " + seen + ", expected " + expected);
    }
}
