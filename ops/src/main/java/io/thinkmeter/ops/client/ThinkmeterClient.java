package io.thinkmeter.ops.client;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.thinkmeter.contracts.BatchViews;
import io.thinkmeter.contracts.Json;
import io.thinkmeter.contracts.ProblemResult;
import io.thinkmeter.contracts.TenantViews;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * A small client of the ingest REST API, for the demo and the submit, status and report commands. It
 * reads ingest's replies as the records ingest writes them from ({@code contracts}).
 */
public final class ThinkmeterClient {

    /** Ignores fields it does not know, so a newer ingest does not break an older client. */
    private static final ObjectMapper JSON = Json.forServices();
    /** Tries of one batch submission under its idempotency key (about a minute in all). */
    static final int SUBMIT_ATTEMPTS = 8;

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final String url;
    private final String apiKey;

    public ThinkmeterClient(String url, String apiKey) {
        this.url = url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
        this.apiKey = apiKey;
    }

    /** Creates a tenant and returns its API key (operator call, with the admin key). */
    public static String createTenant(String url, String adminKey, String tenant, Long dailyQuota) throws IOException {
        String body = Json.text(new TenantViews.Create(tenant, tenant, dailyQuota));
        HttpRequest request = HttpRequest.newBuilder(URI.create(url + "/v1/tenants"))
                .header("X-Admin-Key", adminKey).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build();
        return new ThinkmeterClient(url, null).send(request, 201, TenantViews.Created.class).apiKey();
    }

    /** Creates another API key of the tenant (operator only); returns the key as created, its secret shown once. */
    public static TenantViews.KeyCreated createKey(String url, String adminKey, String tenant, String label)
            throws IOException {
        HttpRequest request = HttpRequest.newBuilder(URI.create(url + "/v1/tenants/" + tenant + "/api-keys"))
                .header("X-Admin-Key", adminKey).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(Json.text(new TenantViews.CreateKey(label)))).build();
        return new ThinkmeterClient(url, null).send(request, 201, TenantViews.KeyCreated.class);
    }

    /**
     * Submits a JSONL batch; returns the batch id. The batch gets one idempotency key, and a submission
     * that fails in a way that may pass (503, a dropped connection) is sent again under the same key, up
     * to {@link #SUBMIT_ATTEMPTS} times: whatever reached Kafka the first time is not run or charged twice.
     */
    public String submitBatch(String jsonl) throws IOException {
        String key = UUID.randomUUID().toString();
        IOException last = null;
        for (int attempt = 1; attempt <= SUBMIT_ATTEMPTS; attempt++) {
            HttpRequest request = authorized("/v1/problems/batch").header("Content-Type", "application/x-ndjson")
                    .header("Idempotency-Key", key).POST(HttpRequest.BodyPublishers.ofString(jsonl)).build();
            try {
                HttpResponse<String> r = exchange(request);
                if (r.statusCode() == 202) {
                    return JSON.readValue(r.body(), BatchViews.Accepted.class).batchId();
                }
                if (r.statusCode() != 503) {
                    throw failure(request, r);
                }
                last = failure(request, r);
            } catch (java.net.ConnectException | java.net.http.HttpTimeoutException e) {
                last = e;
            }
            pause(attempt);
        }
        throw new IOException("the batch was not accepted after " + SUBMIT_ATTEMPTS + " attempts (idempotency key "
                + key + "): " + last.getMessage(), last);
    }

    /** Ingest's {@code /q/health/ready} body (no key needed), whatever its status. */
    public static Readiness readiness(String url) throws IOException {
        ThinkmeterClient c = new ThinkmeterClient(url, null);
        HttpRequest request = HttpRequest.newBuilder(URI.create(c.url + "/q/health/ready"))
                .timeout(Duration.ofSeconds(20)).GET().build();
        return JSON.readValue(c.exchange(request).body(), Readiness.class);
    }

    /** A service's own readiness at {@code url/q/health/ready}: UP, DOWN, or "no answer" when it does not reply. */
    public static String serviceReadiness(String url) {
        try {
            return readiness(url).status();
        } catch (IOException | RuntimeException e) {
            return "no answer";
        }
    }

    public BatchViews.Status batchStatus(String batchId) throws IOException {
        return send(authorized("/v1/problems/batch/" + batchId).GET().build(), 200, BatchViews.Status.class);
    }

    /** The batch's stored results, in input order. */
    public List<ProblemResult> results(String batchId) throws IOException {
        HttpRequest request = authorized("/v1/problems/batch/" + batchId + "/results.jsonl").GET().build();
        String body = sendText(request, 200);
        List<ProblemResult> out = new ArrayList<>();
        for (String line : body.split("\n")) {
            if (!line.isBlank()) {
                out.add(JSON.readValue(line, ProblemResult.class));
            }
        }
        return out;
    }

    /**
     * {@code GET /v1/usage?QUERY} as the tenant of this client's key: the API's JSON, as it came.
     *
     * @throws RefusedException on a 4xx, with ingest's problems
     */
    public String usage(String query) throws IOException {
        return usage(authorized("/v1/usage?" + query).GET().build());
    }

    /** {@code GET /v1/usage?QUERY} as the operator (every tenant): the API's JSON, as it came. */
    public static String usageAsOperator(String url, String adminKey, String query) throws IOException {
        ThinkmeterClient c = new ThinkmeterClient(url, null);
        return c.usage(HttpRequest.newBuilder(URI.create(c.url + "/v1/usage?" + query)).timeout(Duration.ofSeconds(60))
                .header("X-Admin-Key", adminKey).GET().build());
    }

    private String usage(HttpRequest request) throws IOException {
        HttpResponse<String> r;
        try {
            r = exchange(request);
        } catch (java.net.ConnectException e) {
            throw new IOException("ingest at " + url + " does not answer (connection refused)", e);
        }
        if (r.statusCode() >= 400 && r.statusCode() < 500) {
            throw RefusedException.of(r.statusCode(), r.body());
        }
        if (r.statusCode() != 200) {
            throw failure(request, r);
        }
        return r.body();
    }

    /** Ingest refused a call (a 4xx): its status, and its error sentence and problems in one line. */
    public static final class RefusedException extends IOException {

        private final int status;

        private RefusedException(int status, String message) {
            super(message);
            this.status = status;
        }

        public int status() {
            return status;
        }

        static RefusedException of(int status, String body) {
            try {
                com.fasterxml.jackson.databind.JsonNode error = JSON.readTree(body);
                List<String> problems = new ArrayList<>();
                error.path("problems").forEach(p -> problems.add(p.asText()));
                String sentence = error.path("error").asText("HTTP " + status);
                return new RefusedException(status, problems.isEmpty() ? sentence
                        : sentence + ": " + String.join("; ", problems));
            } catch (IOException | RuntimeException e) {
                return new RefusedException(status, "HTTP " + status + ": " + body);
            }
        }
    }

    /** Requests of a batch that are no longer waiting: done, error or rejected. */
    public static long finished(BatchViews.Status status) {
        BatchViews.Counts c = status.counts();
        return c.done() + c.error() + c.rejected();
    }

    private HttpRequest.Builder authorized(String path) {
        return HttpRequest.newBuilder(URI.create(url + path)).timeout(Duration.ofSeconds(60))
                .header("Authorization", "Bearer " + apiKey);
    }

    private <T> T send(HttpRequest request, int expected, Class<T> type) throws IOException {
        return JSON.readValue(sendText(request, expected), type);
    }

    private String sendText(HttpRequest request, int expected) throws IOException {
        HttpResponse<String> r = exchange(request);
        if (r.statusCode() != expected) {
            throw failure(request, r);
        }
        return r.body();
    }

    private HttpResponse<String> exchange(HttpRequest request) throws IOException {
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted during " + request.uri(), e);
        }
    }

    private static IOException failure(HttpRequest request, HttpResponse<String> r) {
        return new IOException(request.method() + " " + request.uri().getPath() + " answered " + r.statusCode()
                + ": " + r.body());
    }

    private static void pause(int attempt) throws IOException {
        try {
            Thread.sleep(Math.min(10_000L, 500L << Math.min(attempt, 5)));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while waiting to submit again", e);
        }
    }
}
