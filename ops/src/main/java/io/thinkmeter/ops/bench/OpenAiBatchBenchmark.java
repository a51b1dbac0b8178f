package io.thinkmeter.ops.bench;

import com.fasterxml.jackson.databind.JsonNode;
import io.thinkmeter.contracts.Json;
import io.thinkmeter.ops.client.ThinkmeterClient;
import io.thinkmeter.ops.demo.DemoPlan;
import io.thinkmeter.ops.platform.ModelDirs;
import io.thinkmeter.ops.platform.ServiceApps;
import io.thinkmeter.ops.platform.Stack;
import io.thinkmeter.ops.platform.StackOptions;

import javax.sql.DataSource;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The OpenAI front door against our own, in one run on one stack: the same N problems (the demo's plan)
 * as one JSONL batch to {@code POST /v1/problems/batch}, then as an OpenAI batch: the file uploaded to
 * {@code /v1/files}, a batch created on {@code /v1/batches} and polled until {@code completed} (its
 * output file written). Lines per second accepted (in Kafka) and completed, each way.
 */
public final class OpenAiBatchBenchmark {

    /** One way in: seconds until every line was accepted, until every result was stored, until done. */
    public record Way(String name, int lines, double uploadedSeconds, double acceptedSeconds,
                      double storedSeconds, double completedSeconds) {

        public double acceptedPerSecond() {
            return lines / acceptedSeconds;
        }

        public double completedPerSecond() {
            return lines / completedSeconds;
        }
    }

    private static final Duration POLL = Duration.ofMillis(50);
    private static final Duration PATIENCE = Duration.ofMinutes(60);

    private final ModelDirs models;
    private final ServiceApps apps;
    private final int maxInFlight;
    private final DemoPlan plan;
    private final HttpClient http = HttpClient.newHttpClient();

    public OpenAiBatchBenchmark(ModelDirs models, ServiceApps apps, int maxInFlight, Path evalJsonl, int problems)
            throws IOException {
        this.models = ModelDirs.only(models.main());
        this.apps = apps;
        this.maxInFlight = maxInFlight;
        this.plan = DemoPlan.build(evalJsonl, problems);
    }

    public List<Way> run(Path workDir, PrintStream progress) throws Exception {
        try (Stack stack = Stack.start(StackOptions.withIngest(workDir, models, apps, maxInFlight),
                line -> progress.println("bench openai: " + line))) {
            String key = ThinkmeterClient.createTenant(stack.url(), stack.adminKey(), "bench", null);
            DataSource db = stack.platform().database();
            progress.println("bench openai: " + plan.items().size() + " lines through /v1/problems/batch...");
            Way ours = native_(stack.url(), key, db);
            progress.printf("bench openai: ours done in %.1f s; now through /v1/files and /v1/batches...%n",
                    ours.completedSeconds());
            Way openAi = openAi(stack.url(), key, db);
            return List.of(ours, openAi);
        }
    }

    private Way native_(String url, String key, DataSource db) throws Exception {
        ThinkmeterClient client = new ThinkmeterClient(url, key);
        long began = System.nanoTime();
        String batch = client.submitBatch(plan.jsonl());
        double accepted = since(began);
        awaitStored(db, batch, began);
        double stored = since(began);
        return new Way("ours: POST /v1/problems/batch", plan.items().size(), 0, accepted, stored, stored);
    }

    private Way openAi(String url, String key, DataSource db) throws Exception {
        long began = System.nanoTime();
        String fileId = field(send(multipart(url + "/v1/files", key, openAiLines()), 200), "id");
        double uploaded = since(began);
        String batchId = field(send(json(url + "/v1/batches", key, Map.of("input_file_id", fileId,
                "endpoint", "/v1/chat/completions", "completion_window", "24h")), 200), "id");
        double accepted = -1;
        double stored = -1;
        long deadline = System.nanoTime() + PATIENCE.toNanos();
        while (System.nanoTime() < deadline) {
            JsonNode b = Json.forServices().readTree(send(get(url + "/v1/batches/" + batchId, key), 200));
            String status = b.path("status").asText();
            if (accepted < 0 && !"validating".equals(status)) {
                accepted = since(began);
            }
            if (stored < 0 && b.at("/request_counts/completed").asLong() + b.at("/request_counts/failed").asLong()
                    >= plan.items().size()) {
                stored = since(began);
            }
            if ("completed".equals(status)) {
                if (stored < 0) {
                    stored = since(began);
                }
                return new Way("OpenAI: /v1/files + /v1/batches", plan.items().size(), uploaded, accepted, stored,
                        since(began));
            }
            if (List.of("failed", "expired", "cancelled").contains(status)) {
                throw new IllegalStateException("the OpenAI batch ended " + status + ": " + b);
            }
            Thread.sleep(POLL.toMillis());
        }
        throw new IllegalStateException("the OpenAI batch did not complete within " + PATIENCE);
    }

    /** The plan's lines in OpenAI's batch form: the same problem, budget and method. */
    private byte[] openAiLines() throws IOException {
        StringBuilder b = new StringBuilder();
        for (DemoPlan.Item item : plan.items()) {
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("model", "tiny-reasoner");
            body.put("messages", List.of(Map.of("role", "user", "content", item.problem())));
            body.put("max_completion_tokens", item.budget());
            body.put("thinkmeter", Map.of("method", item.method().wireName()));
            b.append(Json.forServices().writeValueAsString(Map.of("custom_id", item.clientId(), "method", "POST",
                    "url", "/v1/chat/completions", "body", body))).append('\n');
        }
        return b.toString().getBytes(StandardCharsets.UTF_8);
    }

    private static HttpRequest multipart(String url, String key, byte[] file) throws IOException {
        String boundary = "thinkmeter-" + UUID.randomUUID();
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        body.write(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"purpose\"\r\n\r\nbatch\r\n")
                .getBytes(StandardCharsets.UTF_8));
        body.write(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"bench.jsonl\"\r\n"
                + "Content-Type: application/jsonl\r\n\r\n").getBytes(StandardCharsets.UTF_8));
        body.write(file);
        body.write(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
        return HttpRequest.newBuilder(URI.create(url)).header("Authorization", "Bearer " + key)
                .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray())).build();
    }

    private static HttpRequest json(String url, String key, Object body) throws IOException {
        return HttpRequest.newBuilder(URI.create(url)).header("Authorization", "Bearer " + key)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(Json.forServices().writeValueAsString(body))).build();
    }

    private static HttpRequest get(String url, String key) {
        return HttpRequest.newBuilder(URI.create(url)).header("Authorization", "Bearer " + key).GET().build();
    }

    private String send(HttpRequest request, int expected) throws IOException, InterruptedException {
        HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != expected) {
            throw new IOException(request.method() + " " + request.uri() + " answered " + response.statusCode() + ": "
                    + response.body());
        }
        return response.body();
    }

    private static String field(String json, String name) throws IOException {
        return Json.forServices().readTree(json).path(name).asText();
    }

    private static void awaitStored(DataSource db, String batch, long began) throws InterruptedException {
        long deadline = began + PATIENCE.toNanos();
        while (System.nanoTime() < deadline) {
            if (stored(db, batch) >= 0) {
                return;
            }
            Thread.sleep(POLL.toMillis());
        }
        throw new IllegalStateException("batch " + batch + " was not stored within " + PATIENCE);
    }

    /** 0 or more once every request of the batch has its result row; -1 before. */
    private static long stored(DataSource db, String batch) {
        try (Connection c = db.getConnection(); PreparedStatement ps = c.prepareStatement(
                "SELECT (SELECT count(*) FROM results WHERE batch_id = ?) - b.request_count FROM batches b WHERE b.id = ?")) {
            ps.setString(1, batch);
            ps.setString(2, batch);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? rs.getLong(1) : -1;
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private static double since(long began) {
        return (System.nanoTime() - began) / 1e9;
    }
}
