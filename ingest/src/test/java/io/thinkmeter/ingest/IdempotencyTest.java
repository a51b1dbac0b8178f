package io.thinkmeter.ingest;

import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import io.thinkmeter.contracts.BatchAccepted;
import io.thinkmeter.contracts.Method;
import io.thinkmeter.contracts.ProblemRequest;
import jakarta.inject.Inject;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import javax.sql.DataSource;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The Idempotency-Key: every id derives from it, and a submission sent again under it is answered
 * with the first one, never published (and so never charged) twice; the key used for something
 * else is refused.
 */
@QuarkusTest
@WithTestResource(IngestTestResources.class)
class IdempotencyTest {

    private static final String BATCH = """
            {"problem": "Compute 1 + 1.", "client_id": "a"}
            {"problem": "Compute 2 + 2.", "client_id": "b", "samples": 2, "sampling": {"temperature": 0.7}}
            """;
    private static final String PROBLEM = "{\"problem\": \"Compute 2 + 2.\", \"budget\": 64, \"method\": \"none\"}";
    private static SubmittedRecords topic;
    private static AcceptedBatches batches;

    @Inject
    DataSource dataSource;

    @BeforeAll
    static void openTopics() {
        topic = new SubmittedRecords();
        batches = new AcceptedBatches();
    }

    @AfterAll
    static void closeTopics() {
        topic.close();
        batches.close();
    }

    @Test
    void shouldDeriveEveryIdOfABatchFromTheKeyAndPublishItOnce() {
        Api.Tenant tenant = Api.newTenant("keyed");
        Map<TopicPartition, Long> before = topic.mark();
        Map<TopicPartition, Long> batchesBefore = batches.mark();
        String expectedBatch = uuid("batch\n" + tenant.id() + "\nbatch-7");

        submitBatch(tenant, "batch-7", BATCH).statusCode(202)
                .header(IdempotencyKey.HEADER, "batch-7")
                .header(ProblemResource.REPLAYED_HEADER, nullValue())
                .body("batch_id", equalTo(expectedBatch))
                .body("requests", equalTo(3))
                .body("idempotency_key", equalTo("batch-7"));

        List<ProblemRequest> requests = topic.since(before).stream().map(SubmittedRecords.Submitted::request)
                .sorted(Comparator.comparing(ProblemRequest::sequence)).toList();
        assertEquals(List.of(0, 1, 2), requests.stream().map(ProblemRequest::sequence).toList());
        for (ProblemRequest r : requests) {
            assertEquals(uuid("request\n" + expectedBatch + "\n" + r.sequence()), r.id());
        }
        List<BatchAccepted> accepted = batches.since(batchesBefore);
        assertEquals(1, accepted.size());
        BatchAccepted b = accepted.get(0);
        assertEquals(new BatchAccepted(1, expectedBatch, tenant.id(), "thinkmeter", 3, "batch-7",
                Fingerprints.batch(BATCH.getBytes(StandardCharsets.UTF_8), new BatchDefaults(64, Method.NONE)),
                b.createdAt()), b);

        // another tenant's key of the same name is another batch
        Api.Tenant other = Api.newTenant("keyed");
        submitBatch(other, "batch-7", BATCH).statusCode(202)
                .body("batch_id", equalTo(uuid("batch\n" + other.id() + "\nbatch-7")));
    }

    @Test
    void shouldAnswerABatchSentAgainWithTheFirstAndRefuseTheKeyForAnotherBatch() {
        Api.Tenant tenant = Api.newTenant("again");
        String id = submitBatch(tenant, "twice", BATCH).statusCode(202).extract().path("batch_id");
        Map<TopicPartition, Long> before = topic.mark();
        Map<TopicPartition, Long> batchesBefore = batches.mark();

        submitBatch(tenant, "twice", BATCH).statusCode(202)
                .header(ProblemResource.REPLAYED_HEADER, "true")
                .body("batch_id", equalTo(id))
                .body("requests", equalTo(3));
        submitBatch(tenant, "twice", BATCH + "{\"problem\": \"Compute 3 + 3.\"}\n").statusCode(409)
                .body("problems", contains("Idempotency-Key 'twice' was already used for a different batch: send this"
                        + " one with a new key"));
        // the same body with other defaults is another batch
        tenant.call().header(IdempotencyKey.HEADER, "twice").contentType(BatchResource.NDJSON).body(BATCH)
                .post("/v1/problems/batch?budget=65&method=none").then().statusCode(409);

        assertEquals(List.of(), topic.since(before), "nothing is published again");
        assertEquals(List.of(), batches.since(batchesBefore));
    }

    @Test
    void shouldAnswerFromItsBatchesRowOnceTheSinkStoredIt() {
        // a batch this instance never saw (accepted by another, or before a restart): only PostgreSQL knows it
        Api.Tenant tenant = Api.newTenant("stored");
        IdempotencyKey key = new IdempotencyKey("elsewhere", true);
        String id = SubmissionIds.batch(tenant.id(), key);
        new FakeSink(dataSource).batch(new BatchAccepted(1, id, tenant.id(), "openai", 7, key.value(),
                Fingerprints.batch(BATCH.getBytes(StandardCharsets.UTF_8), new BatchDefaults(64, Method.NONE)),
                Instant.parse("2026-03-02T10:00:00Z")));
        Map<TopicPartition, Long> before = topic.mark();

        submitBatch(tenant, "elsewhere", BATCH).statusCode(202).body("batch_id", equalTo(id)).body("requests", equalTo(7));
        submitBatch(tenant, "elsewhere", "{\"problem\": \"other\"}\n").statusCode(409);
        tenant.call().get("/v1/problems/batch/" + id).then().statusCode(200)
                .body("input_format", equalTo("openai"))
                .body("created_at", equalTo("2026-03-02T10:00:00Z"));
        assertEquals(List.of(), topic.since(before));
    }

    @Test
    void shouldShowABatchAcceptedButNotYetStoredAsAllSubmitted() {
        Api.Tenant tenant = Api.newTenant("fresh");
        String id = submitBatch(tenant, null, BATCH).statusCode(202)
                .header(IdempotencyKey.HEADER, matchesPattern("[0-9a-f-]{36}"))
                .extract().path("batch_id");

        tenant.call().get("/v1/problems/batch/" + id).then().statusCode(200)
                .body("request_count", equalTo(3))
                .body("input_format", equalTo("thinkmeter"))
                .body("counts.submitted", equalTo(3))
                .body("counts.done", equalTo(0));
        tenant.call().get("/v1/problems/batch/" + id + "/results").then().statusCode(200)
                .body("total", equalTo(0)).body("results", hasSize(0));
        tenant.call().get("/v1/problems/batch/" + id + "/results.jsonl").then().statusCode(200)
                .header(BatchResource.MISSING_HEADER, "3");
        Api.newTenant("nosy").call().get("/v1/problems/batch/" + id).then().statusCode(404);
    }

    @Test
    void shouldAnswerAProblemSentAgainAsItStandsAndRefuseTheKeyForAnotherProblem() {
        Api.Tenant tenant = Api.newTenant("single");
        Map<TopicPartition, Long> before = topic.mark();
        String id = submitProblem(tenant, "p-1", PROBLEM).statusCode(202)
                .header(IdempotencyKey.HEADER, "p-1")
                .body("id", equalTo(uuid("problem\n" + tenant.id() + "\np-1")))
                .body("status", equalTo("submitted"))
                .body("idempotency_key", equalTo("p-1"))
                .extract().path("id");

        submitProblem(tenant, "p-1", PROBLEM).statusCode(202)
                .header(ProblemResource.REPLAYED_HEADER, "true")
                .body("id", equalTo(id)).body("status", equalTo("submitted"));
        submitProblem(tenant, "p-1", PROBLEM.replace("64", "65")).statusCode(409)
                .body("problems", contains("Idempotency-Key 'p-1' was already used for a different problem: send this"
                        + " one with a new key"));
        List<SubmittedRecords.Submitted> produced = topic.since(before);
        assertEquals(1, produced.size(), "published once: " + produced);

        // once its result is stored, sending it again answers with the result
        FakeSink sink = new FakeSink(dataSource);
        sink.submitted(produced.get(0).request());
        sink.answered(produced.get(0).request(), 10, 20, 3);
        submitProblem(tenant, "p-1", PROBLEM).statusCode(200)
                .body("status", equalTo("done")).body("result.final_answer", equalTo("834"));
    }

    @Test
    void shouldRefuseAKeyThatIsNoKey() throws Exception {
        Api.Tenant tenant = Api.newTenant("badkey");
        Map<TopicPartition, Long> before = topic.mark();
        for (String key : List.of("k".repeat(256), "tab\tinside")) {
            submitProblem(tenant, key, PROBLEM).statusCode(400)
                    .body("problems[0]", matchesPattern("header Idempotency-Key must be 1 to 255 printable ASCII "
                            + "characters, was .*"));
            submitBatch(tenant, key, BATCH).statusCode(400);
        }
        assertEquals(List.of(), topic.since(before));

        // an empty header reaches the service as no header (rest-assured drops it, so another client sends
        // it): ingest picks a key, and says which
        HttpResponse<String> empty = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        URI.create("http://localhost:" + RestAssured.port + "/v1/problems"))
                .header("Authorization", "Bearer " + tenant.key()).header("Content-Type", "application/json")
                .header(IdempotencyKey.HEADER, "")
                .POST(HttpRequest.BodyPublishers.ofString(PROBLEM)).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(202, empty.statusCode(), empty.body());
        assertTrue(empty.headers().firstValue(IdempotencyKey.HEADER).orElseThrow().matches("[0-9a-f-]{36}"));
    }

    private static io.restassured.response.ValidatableResponse submitBatch(Api.Tenant tenant, String key, String body) {
        var call = tenant.call().contentType(BatchResource.NDJSON).body(body);
        if (key != null) {
            call.header(IdempotencyKey.HEADER, key);
        }
        return call.post("/v1/problems/batch?budget=64&method=none").then();
    }

    private static io.restassured.response.ValidatableResponse submitProblem(Api.Tenant tenant, String key,
                                                                            String body) {
        return tenant.call().header(IdempotencyKey.HEADER, key).contentType(ContentType.JSON).body(body)
                .post("/v1/problems").then();
    }

    private static String uuid(String name) {
        return UUID.nameUUIDFromBytes(name.getBytes(StandardCharsets.UTF_8)).toString();
    }
}
