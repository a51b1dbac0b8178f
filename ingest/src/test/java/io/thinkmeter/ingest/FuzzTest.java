package io.thinkmeter.ingest;

import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import io.thinkmeter.contracts.Json;
import io.thinkmeter.ingest.openai.OpenAiError;
import jakarta.inject.Inject;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

import javax.sql.DataSource;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;

import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Generated bad requests to every endpoint ({@link BadRequests}): every one is answered with a 4xx in
 * the JSON error shape, never a 5xx, a bare status or an acceptance; nothing reaches Kafka or
 * PostgreSQL; and the service still takes good work afterwards.
 *
 * <p>The seed is fixed, so the test is the same on every run; explore others with
 * {@code -Dthinkmeter.fuzz.seed=N} and more requests with {@code -Dthinkmeter.fuzz.requests=N}.
 */
@QuarkusTest
@WithTestResource(IngestTestResources.class)
class FuzzTest {

    private static final long SEED = 20_261_128L;
    private static final int REQUESTS = 1500;
    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    @Inject
    DataSource dataSource;

    @Test
    void shouldAnswerEveryBadRequestWithAJson4xxAndKeepNothing() throws Exception {
        long seed = Long.getLong("thinkmeter.fuzz.seed", SEED);
        int count = Integer.getInteger("thinkmeter.fuzz.requests", REQUESTS);
        System.out.println("FuzzTest seed " + seed + ", " + count + " requests");
        Api.Tenant tenant = Api.newTenant("fuzz");
        String batchId = tenant.call().contentType(BatchResource.NDJSON)
                .body("{\"problem\": \"Compute 1 + 1.\", \"budget\": 9, \"method\": \"none\"}\n")
                .post("/v1/problems/batch").then().statusCode(202).extract().path("batch_id");
        BadRequests requests = new BadRequests(new Random(seed), tenant.key(), batchId, tenant.id(), tenant.keyId());

        try (SubmittedRecords submitted = new SubmittedRecords(); AcceptedBatches batches = new AcceptedBatches()) {
            Map<TopicPartition, Long> submittedBefore = submitted.mark();
            Map<TopicPartition, Long> batchesBefore = batches.mark();
            long tenantsBefore = count("tenants");
            long keysBefore = count("api_keys");
            long pricesBefore = count("model_prices");
            long budgetsBefore = count("tenants WHERE daily_token_quota IS NOT NULL OR monthly_token_quota IS NOT NULL"
                    + " OR soft_threshold IS NOT NULL")
                    + count("api_keys WHERE daily_token_quota IS NOT NULL OR monthly_token_quota IS NOT NULL");
            Map<Integer, Integer> statuses = new TreeMap<>();
            List<String> failures = new ArrayList<>();

            long start = System.nanoTime();
            for (int i = 0; i < count; i++) {
                BadRequests.Request r = requests.next();
                HttpResponse<String> response = send(r);
                statuses.merge(response.statusCode(), 1, Integer::sum);
                String wrong = whatIsWrongWith(response);
                if (wrong != null && failures.size() < 20) {
                    failures.add("#" + i + " " + r + " -> " + response.statusCode() + ": " + wrong + "\n    "
                            + abbreviate(response.body()));
                }
            }
            System.out.println("FuzzTest statuses " + statuses + " in "
                    + Duration.ofNanos(System.nanoTime() - start).toMillis() + " ms");

            assertEquals(List.of(), failures, "seed " + seed);
            assertEquals(List.of(), submitted.since(submittedBefore), "seed " + seed + ": nothing may be published");
            assertEquals(List.of(), batches.since(batchesBefore), "seed " + seed);
            assertEquals(tenantsBefore, count("tenants"), "seed " + seed + ": no tenant may be created");
            assertEquals(keysBefore, count("api_keys"), "seed " + seed);
            assertEquals(pricesBefore, count("model_prices"), "seed " + seed + ": no price may be added");
            assertEquals(budgetsBefore, count("tenants WHERE daily_token_quota IS NOT NULL OR monthly_token_quota IS NOT NULL"
                    + " OR soft_threshold IS NOT NULL")
                    + count("api_keys WHERE daily_token_quota IS NOT NULL OR monthly_token_quota IS NOT NULL"),
                    "seed " + seed + ": no budget may be set");

            // and good work is still taken, once
            tenant.call().contentType(ContentType.JSON)
                    .body("{\"problem\": \"Compute 40 + 2.\", \"budget\": 64, \"method\": \"none\"}")
                    .post("/v1/problems").then().statusCode(202);
            tenant.call().contentType(BatchResource.NDJSON)
                    .body("{\"problem\": \"Compute 1 + 2.\", \"budget\": 9, \"method\": \"none\"}\n"
                            + "{\"problem\": \"Compute 3 + 4.\", \"budget\": 9, \"method\": \"none\"}\n")
                    .post("/v1/problems/batch").then().statusCode(202).body("requests", equalTo(2));
            assertEquals(List.of("Compute 1 + 2.", "Compute 3 + 4.", "Compute 40 + 2."), submitted.since(submittedBefore)
                    .stream().map(s -> s.request().problem()).sorted().toList());
            assertEquals(1, batches.since(batchesBefore).size());
        }
    }

    /** @return null when the reply is a proper refusal: a 4xx whose body is the JSON error shape (OpenAI's on its paths) */
    private static String whatIsWrongWith(HttpResponse<String> response) {
        int status = response.statusCode();
        if (status < 400 || status > 499) {
            return "not a 4xx";
        }
        if (!response.headers().firstValue("Content-Type").orElse("").startsWith("application/json")) {
            return "not JSON: " + response.headers().firstValue("Content-Type").orElse("no Content-Type");
        }
        JsonNode body;
        try {
            body = Json.forServices().readTree(response.body());
        } catch (IOException e) {
            return "a body that does not parse";
        }
        if (OpenAiError.covers(response.uri().getPath())) {
            JsonNode error = body == null ? null : body.path("error");
            return error != null && error.path("message").isTextual() && !error.path("message").asText().isBlank()
                    && error.path("type").isTextual() ? null : "not OpenAI's error envelope";
        }
        if (body == null || !body.path("error").isTextual() || body.path("error").asText().isBlank()) {
            return "no error sentence";
        }
        JsonNode problems = body.path("problems");
        if (!problems.isArray() || problems.isEmpty()) {
            return "no problems listed";
        }
        for (JsonNode p : problems) {
            if (!p.isTextual() || p.asText().isBlank()) {
                return "a problem that is not a sentence";
            }
        }
        return null;
    }

    private static HttpResponse<String> send(BadRequests.Request r) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + RestAssured.port + r.path()))
                .timeout(Duration.ofSeconds(30))
                .method(r.method(), r.body() == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofByteArray(r.body()));
        r.headers().forEach(request::header);
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private long count(String table) throws SQLException {
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT count(*) FROM " + table)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private static String abbreviate(String s) {
        return s.length() <= 300 ? s : s.substring(0, 300) + "...";
    }
}
