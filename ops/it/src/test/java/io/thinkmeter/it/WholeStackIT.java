package io.thinkmeter.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.thinkmeter.contracts.BatchViews;
import io.thinkmeter.contracts.Method;
import io.thinkmeter.contracts.ProblemResult;
import io.thinkmeter.ops.client.ThinkmeterClient;
import io.thinkmeter.ops.demo.BatchProgress;
import io.thinkmeter.ops.demo.DemoPlan;
import io.thinkmeter.ops.platform.ModelDirs;
import io.thinkmeter.ops.platform.ServiceStatus;
import io.thinkmeter.ops.platform.Stack;
import io.thinkmeter.ops.platform.StackOptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.OutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * A batch of 50 problems through every service: ingest over HTTP (a child process), Kafka, the
 * scheduler, the three pool workers on the real tiny model (and its TLDR model for method tldr), the
 * storage sink and PostgreSQL (embedded or in containers: {@link ItStack#servers()}); then budgets, alerts and the ledger's proof on the same stack ({@link SpendChecks}).
 */
class WholeStackIT {

    /** One service convention: each is a Quarkus app whose readiness and metrics an operator can read. */
    private static void everyServiceShouldAnswerHealthAndMetrics(Stack stack) throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        Set<String> answered = new HashSet<>();
        for (ServiceStatus service : stack.platform().services()) {
            if (service.url() == null) {
                continue; // kafka and postgres: servers, not services
            }
            HttpResponse<String> ready = http.send(HttpRequest.newBuilder(URI.create(service.url() + "/q/health/ready"))
                    .build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(200, ready.statusCode(), service.name() + ": " + ready.body());
            HttpResponse<String> metrics = http.send(HttpRequest.newBuilder(URI.create(service.url() + "/q/metrics"))
                    .build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(200, metrics.statusCode(), service.name());
            assertTrue(metrics.body().contains("thinkmeter_") || service.name().equals("scheduler"),
                    service.name() + " exposes its own figures");
            answered.add(service.name());
        }
        assertEquals(Set.of("ingest", "scheduler", "sink", "worker-short", "worker-medium", "worker-long"), answered);
        HttpResponse<String> sink = http.send(HttpRequest.newBuilder(URI.create(stack.platform().serviceUrl("sink")
                + "/q/metrics")).build(), HttpResponse.BodyHandlers.ofString());
        assertTrue(sink.body().contains("thinkmeter_sink_results_stored_total"), "results stored, for results/s");
        assertTrue(sink.body().contains("thinkmeter_sink_write_seconds"), "the sink's write latency");
        HttpResponse<String> worker = http.send(HttpRequest.newBuilder(URI.create(stack.platform().serviceUrl(
                "worker-short") + "/q/metrics")).build(), HttpResponse.BodyHandlers.ofString());
        assertTrue(worker.body().contains("kafka_consumer_fetch_manager_records_lag_max"), "the pool's consumer lag");
        assertTrue(worker.body().contains("thinkmeter_worker_tokens_total"), "tokens, for tokens/s");
    }

    @Test
    @Timeout(value = 8, unit = TimeUnit.MINUTES)
    void aBatchOfFiftyShouldGetOneResultRowEachAndTheAuditViewsShouldAddUp(@TempDir Path dir) throws Exception {
        ModelDirs models = ItStack.modelsWithTldr();
        DemoPlan plan = DemoPlan.build(ItStack.model().resolve("eval.jsonl"), 50, true);
        try (Stack stack = Stack.start(StackOptions.withIngest(dir, models, ItStack.apps(), 8)
                .withServers(ItStack.servers()), System.err::println)) {
            String key = ThinkmeterClient.createTenant(stack.url(), stack.adminKey(), "acme", null);
            ThinkmeterClient client = new ThinkmeterClient(stack.url(), key);

            HttpResponse<String> bad = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                            URI.create(stack.url() + "/v1/problems"))
                    .header("Authorization", "Bearer " + key).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString("{\"problem\": \"Compute 1 + 1.\", \"budget\": 0,"
                            + " \"method\": \"fast\"}")).build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(400, bad.statusCode(), bad.body());
            assertTrue(bad.body().contains("budget must be between 1 and"), bad.body());
            assertTrue(bad.body().contains("method must be one of none, budget-forcing, ts, tldr; was 'fast'"),
                    bad.body());

            String batch = client.submitBatch(plan.jsonl());
            BatchViews.Status status = BatchProgress.await(client, batch, 50, Duration.ofMinutes(6),
                    new PrintStream(OutputStream.nullOutputStream()));
            assertEquals(50, status.counts().done(), status.toString());
            everyServiceShouldAnswerHealthAndMetrics(stack);

            List<ProblemResult> results = client.results(batch);
            assertEquals(50, results.size());
            Set<String> clientIds = new HashSet<>();
            for (int i = 0; i < results.size(); i++) {
                ProblemResult r = results.get(i);
                assertEquals(i, r.sequence(), "results come back in input order");
                assertTrue(r.generatedTokens() <= r.budget(), r.toString());
                clientIds.add(r.clientId());
            }
            assertEquals(50, clientIds.size());
            int tldr = 0;
            for (ProblemResult r : results) {
                if (r.method() == Method.TLDR) {
                    tldr++;
                    assertEquals("tiny-reasoner-tldr", r.model(), "tldr is served by the TLDR model");
                    assertEquals(r.pool(), r.level().pool(),
                            "without a level, the scheduler gives tldr the level of the budget's pool: " + r);
                } else {
                    assertEquals("tiny-reasoner", r.model(), r.toString());
                }
            }
            assertTrue(tldr >= 10, "the plan has tldr requests in every pool: " + tldr);

            try (Connection c = stack.platform().database().getConnection(); Statement s = c.createStatement()) {
                assertEquals(50, single(s, "SELECT count(*) FROM results WHERE batch_id = '" + batch + "'"));
                assertEquals(50, single(s, "SELECT count(DISTINCT request_id) FROM token_ledger"));
                assertEquals(0, single(s, "SELECT count(*) FROM rejections"), "the bad body never reached Kafka");
                assertEquals(single(s, "SELECT sum(generated_tokens) FROM results"),
                        single(s, "SELECT sum(generated_tokens) FROM spend_per_batch"));
                assertEquals(single(s, "SELECT sum(thinking_tokens) FROM results"),
                        single(s, "SELECT sum(thinking_tokens) FROM thinking_vs_answer"));
                assertEquals(single(s, "SELECT sum(answer_tokens) FROM results"),
                        single(s, "SELECT sum(answer_tokens) FROM spend_per_pool"));
                assertEquals(single(s, "SELECT sum(generated_tokens) FROM results WHERE method = 'tldr'"),
                        single(s, "SELECT sum(generated_tokens) FROM spend_per_model_level"
                                + " WHERE model = 'tiny-reasoner-tldr' AND level IS NOT NULL"),
                        "the auditor sees the TLDR model's spend per level");
                assertEquals(single(s, "SELECT sum(prompt_tokens + generated_tokens) FROM results"),
                        status.tokens().total());
            }

            // Budgets (issue 13): reserve-then-settle, a key's own budget, alerts, attribution, the ledger's proof
            SpendChecks spend = new SpendChecks(stack);
            spend.aBudgetBelowTheReservationsButAboveTheSpendShouldServeEveryRequestAndAlertOnce();
            spend.aTenantWhoseSpendCrossesItsBudgetShouldBeRefusedFromThenOnWithTheReason();
            spend.aKeysBudgetShouldStopThatKeyWhileTheTenantsOtherKeyGoesOn();
            spend.metricsShouldShowSpendAndHeadroom();
            spend.theLedgerShouldVerifyWholeForAnAuditor();
        }
    }

    private static long single(Statement s, String sql) throws SQLException {
        try (ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
