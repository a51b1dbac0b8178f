package io.thinkmeter.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.thinkmeter.contracts.BatchViews;
import io.thinkmeter.contracts.BudgetWindow;
import io.thinkmeter.contracts.Json;
import io.thinkmeter.contracts.OverBudget;
import io.thinkmeter.contracts.SpendAlert;
import io.thinkmeter.contracts.TenantViews;
import io.thinkmeter.contracts.Topics;
import io.thinkmeter.ops.audit.AuditorCheck;
import io.thinkmeter.ops.client.ThinkmeterClient;
import io.thinkmeter.ops.demo.BatchProgress;
import io.thinkmeter.ops.platform.Stack;
import io.thinkmeter.storage.AuditReport;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Budgets, reservations, alerts, attribution and the ledger's proof on the whole stack (issue 13): run by
 * {@link WholeStackIT} on its stack, after its batch, so they cost no stack of their own.
 */
final class SpendChecks {

    private static final PrintStream QUIET = new PrintStream(OutputStream.nullOutputStream());
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private final Stack stack;
    /** The day (UTC) roomy's budget was charged in. */
    private String roomyDay;

    SpendChecks(Stack stack) {
        this.stack = stack;
    }

    /** {@code n} additions of budget 96 under ts: each reserves its prompt bound (about 40) + 96. */
    private static String additions(int n, int from) {
        StringBuilder jsonl = new StringBuilder();
        for (int i = 0; i < n; i++) {
            jsonl.append("{\"problem\": \"Compute ").append(from + i).append(" + ").append(2 * i + 7)
                    .append(".\", \"budget\": 96, \"method\": \"ts\"}\n");
        }
        return jsonl.toString();
    }

    private void putBudget(String path, String body) throws IOException, InterruptedException {
        HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create(stack.url() + path))
                .header("X-Admin-Key", stack.adminKey()).header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, r.statusCode(), path + ": " + r.body());
    }

    private static BatchViews.Status await(ThinkmeterClient client, String batch, int n) throws Exception {
        return BatchProgress.await(client, batch, n, Duration.ofMinutes(3), QUIET);
    }

    /**
     * A day budget smaller than the sum of ten requests' reservations but larger than anything they can
     * spend: every one is served (those that do not fit at once wait for settlements), and the soft
     * threshold's alert is raised once.
     */
    void aBudgetBelowTheReservationsButAboveTheSpendShouldServeEveryRequestAndAlertOnce() throws Exception {
        String key = ThinkmeterClient.createTenant(stack.url(), stack.adminKey(), "roomy", null);
        // ten reservations of about 136 = 1,360 > 1,200 >= ten prompts (under 20 tokens) + ten budgets of 96
        putBudget("/v1/tenants/roomy/budgets", "{\"day\": 1200, \"soft_threshold\": 0.8}");
        ThinkmeterClient client = new ThinkmeterClient(stack.url(), key);
        BatchViews.Status status = await(client, client.submitBatch(additions(10, 100)), 10);
        assertEquals(10, status.counts().done(), "every request served: " + status);
        assertTrue(status.tokens().total() <= 1200, "spent within the budget: " + status);

        List<SpendAlert> alerts = alertsOf("roomy");
        assertEquals(1, alerts.size(), "one alert per budget and period: " + alerts);
        assertEquals(1200, alerts.get(0).limitTokens());
        assertEquals(960, alerts.get(0).thresholdTokens());
        roomyDay = alerts.get(0).period();
    }

    /**
     * A tenant whose actual spend crosses its budget is refused from then on, with the reason; the
     * rejection is in rejected_requests; what it was served stays within the budget.
     */
    void aTenantWhoseSpendCrossesItsBudgetShouldBeRefusedFromThenOnWithTheReason() throws Exception {
        String key = ThinkmeterClient.createTenant(stack.url(), stack.adminKey(), "capped", 400L);
        ThinkmeterClient client = new ThinkmeterClient(stack.url(), key);
        BatchViews.Status status = await(client, client.submitBatch(additions(8, 300)), 8);
        assertTrue(status.counts().done() >= 2, "what fits is served: " + status);
        assertTrue(status.counts().rejected() >= 1, "the rest is refused: " + status);
        assertEquals(8, status.counts().done() + status.counts().rejected(), status.toString());
        assertTrue(status.tokens().total() <= 400, "never over the budget: " + status);
        try (Connection c = stack.platform().database().getConnection(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT reason FROM rejected_requests WHERE tenant_id = 'capped'")) {
            int reasons = 0;
            while (rs.next()) {
                reasons++;
                String reason = rs.getString(1);
                assertTrue(OverBudget.is(reason) && reason.startsWith(OverBudget.PREFIX + "tenant capped, day ")
                        && reason.contains("limit 400 tokens"), reason);
            }
            assertEquals(status.counts().rejected(), reasons);
        }
    }

    /** A key with a budget of its own is stopped while the tenant's other key goes on; spend is the key's. */
    void aKeysBudgetShouldStopThatKeyWhileTheTenantsOtherKeyGoesOn() throws Exception {
        String first = ThinkmeterClient.createTenant(stack.url(), stack.adminKey(), "teams", null);
        TenantViews.KeyCreated limited = ThinkmeterClient.createKey(stack.url(), stack.adminKey(), "teams", "interns");
        // one reservation (about 136) fits in 200, two do not; two results spend more than 64 between them
        putBudget("/v1/tenants/teams/api-keys/" + limited.id() + "/budgets", "{\"day\": 200}");
        ThinkmeterClient interns = new ThinkmeterClient(stack.url(), limited.apiKey());
        ThinkmeterClient others = new ThinkmeterClient(stack.url(), first);
        String stopped = interns.submitBatch(additions(4, 500));
        String goesOn = others.submitBatch(additions(4, 600));
        BatchViews.Status internsStatus = await(interns, stopped, 4);
        BatchViews.Status othersStatus = await(others, goesOn, 4);
        assertTrue(internsStatus.counts().rejected() >= 1, "the key's budget stops it: " + internsStatus);
        assertTrue(internsStatus.tokens().total() <= 200, internsStatus.toString());
        assertEquals(4, othersStatus.counts().done(), "the tenant's other key goes on: " + othersStatus);

        try (Connection c = stack.platform().database().getConnection()) {
            try (PreparedStatement ps = c.prepareStatement("SELECT reason FROM rejected_requests WHERE batch_id = ?")) {
                ps.setString(1, stopped);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        assertTrue(rs.getString(1).startsWith(OverBudget.PREFIX + "api key " + limited.id()
                                + " of tenant teams, day "), rs.getString(1));
                    }
                }
            }
            // every ledger row names the key that sent its request, and is priced
            Map<String, Long> rowsPerKey = new java.util.HashMap<>();
            try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT api_key_id, count(*),"
                    + " count(cost) FROM token_ledger WHERE tenant_id = 'teams' GROUP BY api_key_id")) {
                while (rs.next()) {
                    rowsPerKey.put(rs.getString(1), rs.getLong(2));
                    assertEquals(rs.getLong(2), rs.getLong(3), "every row of the tiny model is priced");
                }
            }
            assertEquals(Map.of(limited.id(), (long) internsStatus.counts().done(), keyIdOf(c, "teams", limited.id()),
                    4L), rowsPerKey);
        }

        // the usage API, grouped by key, adds up to the same as the batches' own counts
        LocalDate today = LocalDate.now(ZoneOffset.UTC);
        HttpResponse<String> usage = HTTP.send(HttpRequest.newBuilder(URI.create(stack.url() + "/v1/usage?start="
                        + today.minusDays(1) + "&end=" + today.plusDays(2) + "&bucket=1d&group_by=api_key"))
                .header("Authorization", "Bearer " + first).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, usage.statusCode(), usage.body());
        long tokens = 0;
        for (JsonNode bucket : Json.forServices().readTree(usage.body()).get("data")) {
            for (JsonNode row : bucket.get("results")) {
                tokens += row.get("prompt_tokens").asLong() + row.get("generated_tokens").asLong();
            }
        }
        assertEquals(internsStatus.tokens().total() + othersStatus.tokens().total(), tokens, usage.body());
    }

    /** The tenant's first key: the one that is not {@code other}. */
    private static String keyIdOf(Connection c, String tenant, String other) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT id FROM api_keys WHERE tenant_id = ? AND id <> ?")) {
            ps.setString(1, tenant);
            ps.setString(2, other);
            try (ResultSet rs = ps.executeQuery()) {
                assertTrue(rs.next());
                return rs.getString(1);
            }
        }
    }

    /**
     * {@code audit verify}'s check, as an auditor (a login that is only a member of thinkmeter_auditor), over
     * the results topic, the results table and the ledger: whole.
     */
    void theLedgerShouldVerifyWholeForAnAuditor() {
        AuditReport report = AuditorCheck.verify(stack.platform(), Duration.ofSeconds(30));
        assertTrue(report.whole(), report.summary() + ": " + report.discrepancies());
        assertEquals(report.ledgerRows(), report.chainedRows(), report.summary());
        assertEquals(report.topicResults(), report.ledgerRows(), report.summary());
    }

    /** A dashboard's figures: spend per tenant and model (tokens and cost) from the sink, headroom from the scheduler. */
    void metricsShouldShowSpendAndHeadroom() throws Exception {
        String sink = metrics("sink");
        assertTrue(sink.lines().anyMatch(l -> l.startsWith("thinkmeter_sink_spend_tokens_total{")
                && l.contains("tenant=\"roomy\"") && l.contains("model=\"tiny-reasoner\"")), sink);
        assertTrue(sink.lines().anyMatch(l -> l.startsWith("thinkmeter_sink_spend_cost_total{")
                && l.contains("tenant=\"roomy\"")), sink);
        String scheduler = metrics("scheduler");
        if (!BudgetWindow.DAY.periodOf(Instant.now()).equals(roomyDay)) {
            return; // midnight (UTC) passed since roomy's batch: its day's gauges are gone, as they should be
        }
        long settled = gauge(scheduler, "thinkmeter_scheduler_budget_settled_tokens", "roomy", "day");
        assertEquals(0, gauge(scheduler, "thinkmeter_scheduler_budget_reserved_tokens", "roomy", "day"));
        assertEquals(1200 - settled, gauge(scheduler, "thinkmeter_scheduler_budget_headroom_tokens", "roomy", "day"));
        try (Connection c = stack.platform().database().getConnection(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT sum(prompt_tokens + generated_tokens) FROM token_ledger"
                     + " WHERE tenant_id = 'roomy' AND budget_day = DATE '" + roomyDay + "'")) {
            rs.next();
            assertEquals(rs.getLong(1), settled, "the scheduler's books equal the ledger's sums");
        }
    }

    private String metrics(String service) throws IOException, InterruptedException {
        return metrics(stack, service);
    }

    static String metrics(Stack stack, String service) throws IOException, InterruptedException {
        HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create(stack.platform().serviceUrl(service)
                + "/q/metrics")).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, r.statusCode(), service);
        return r.body();
    }

    /** A budget gauge of the tenant's own budget (api_key=""), read from the Prometheus text. */
    static long gauge(String metrics, String name, String tenant, String window) {
        return metrics.lines()
                .filter(l -> l.startsWith(name + "{") && l.contains("tenant=\"" + tenant + "\"")
                        && l.contains("api_key=\"\"") && l.contains("window=\"" + window + "\""))
                .mapToLong(l -> (long) Double.parseDouble(l.substring(l.lastIndexOf(' ') + 1)))
                .findFirst().orElseThrow(() -> new AssertionError("no " + name + " of tenant " + tenant + ", "
                        + window + ", on /q/metrics:\n" + metrics));
    }

    /** Every spend alert raised for the tenant so far (the topic read whole, committed records only). */
    private List<SpendAlert> alertsOf(String tenant) throws IOException {
        Map<String, Object> config = Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, stack.platform().bootstrapServers(),
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed", ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        List<SpendAlert> alerts = new ArrayList<>();
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(config, new StringDeserializer(),
                new StringDeserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(Topics.SPEND_ALERTS).stream()
                    .map(p -> new TopicPartition(p.topic(), p.partition())).collect(Collectors.toList());
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (partitions.stream().anyMatch(p -> consumer.position(p) < end.get(p)) && System.nanoTime() < deadline) {
                for (ConsumerRecord<String, String> r : consumer.poll(Duration.ofMillis(500))) {
                    SpendAlert alert = Json.forServices().readValue(r.value(), SpendAlert.class);
                    if (tenant.equals(alert.tenant())) {
                        alerts.add(alert);
                    }
                }
            }
        }
        return alerts;
    }
}
