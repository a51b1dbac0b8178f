package io.thinkmeter.ingest;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ExtractableResponse;
import io.restassured.response.Response;
import io.thinkmeter.contracts.BatchAccepted;
import io.thinkmeter.contracts.ProblemRequest;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * With the broker gone, a budget change is refused and not saved; and a batch is refused fast, whole, and in a way the client can retry: 503 within
 * the publish timeout, nothing of it in Kafka once the broker is back, and the retry under the same
 * Idempotency-Key accepted once, every request exactly once.
 */
@QuarkusTest
@WithTestResource(OwnBrokerResources.class)
class KafkaOutageTest {

    /** The publish timeout (15 s) plus a wide margin: the test shows "not 30 s per line", not a timing. */
    private static final Duration ANSWERED_WITHIN = Duration.ofSeconds(30);
    private static final String KEY = "outage-batch-1";

    @Test
    void shouldRefuseABatchWholeWhileKafkaIsDownAndAcceptItsRetryOnce() {
        Api.Tenant tenant = Api.newTenant("outage");
        String body = IntStream.range(0, 30)
                .mapToObj(i -> "{\"problem\": \"Compute " + i + " + 1.\", \"client_id\": \"c" + i + "\"}")
                .collect(Collectors.joining("\n"));
        String batchId = SubmissionIds.batch(tenant.id(), new IdempotencyKey(KEY, true));
        Map<TopicPartition, Long> before;
        Map<TopicPartition, Long> batchesBefore;
        try (SubmittedRecords topic = new SubmittedRecords(); AcceptedBatches batches = new AcceptedBatches()) {
            before = topic.mark();
            batchesBefore = batches.mark();
        }

        OwnBrokerResources.backends().stopKafka();
        try {
            long start = System.nanoTime();
            ExtractableResponse<Response> refused = submit(tenant, body).then()
                    .statusCode(503)
                    .contentType("application/json")
                    .header(IdempotencyKey.HEADER, KEY)
                    .body("error", equalTo("the batch was not accepted: Kafka did not commit it in time; retry later"))
                    .body("idempotency_key", equalTo(KEY))
                    .body("batch_id", equalTo(batchId))
                    .extract();
            Duration took = Duration.ofNanos(System.nanoTime() - start);
            assertTrue(took.compareTo(ANSWERED_WITHIN) < 0, "answered after " + took.toSeconds() + " s");
            List<String> problems = refused.path("problems");
            assertTrue(problems.get(1).contains("Idempotency-Key: " + KEY), problems.toString());
        } finally {
            OwnBrokerResources.backends().restartKafka();
        }

        try (SubmittedRecords topic = new SubmittedRecords(); AcceptedBatches batches = new AcceptedBatches()) {
            assertEquals(List.of(), ofBatch(topic.since(before), batchId), "nothing of the refused batch is in Kafka");
            assertEquals(List.of(), batches.since(batchesBefore));

            // the client's retry, as the 503 told it to: once Kafka takes it, every line is there once
            String accepted = retryUntilAccepted(tenant, body).path("batch_id");
            assertEquals(batchId, accepted);
            List<ProblemRequest> requests = ofBatch(topic.since(before), batchId);
            assertEquals(IntStream.range(0, 30).boxed().toList(),
                    requests.stream().map(ProblemRequest::sequence).sorted().toList(), "each request exactly once");
            List<BatchAccepted> batchRecords = batches.since(batchesBefore);
            assertEquals(List.of(batchId), batchRecords.stream().map(BatchAccepted::id).toList());
            assertEquals(30, batchRecords.get(0).requestCount());

            // sent once more: the batch as it was, nothing new; another body under the key: refused
            Map<TopicPartition, Long> afterAccepted = topic.mark();
            submit(tenant, body).then().statusCode(202)
                    .header(ProblemResource.REPLAYED_HEADER, "true")
                    .body("batch_id", equalTo(batchId))
                    .body("requests", equalTo(30));
            submit(tenant, body + "\n{\"problem\": \"Compute 99 + 1.\", \"client_id\": \"c99\"}").then().statusCode(409);
            assertEquals(List.of(), topic.since(afterAccepted));
        }
    }

    @Test
    void shouldChangeNoBudgetWhileKafkaIsDownAndTakeTheRetry() {
        Api.Tenant tenant = Api.newTenant("outage-budget");
        String budgets = "/v1/tenants/" + tenant.id() + "/budgets";
        OwnBrokerResources.backends().stopKafka();
        try {
            long start = System.nanoTime();
            operator().body("{\"day\": 500}").put(budgets).then().statusCode(503)
                    .header("Retry-After", "5")
                    .body("error", equalTo("Kafka did not answer in time; nothing was changed; retry later"));
            Duration took = Duration.ofNanos(System.nanoTime() - start);
            assertTrue(took.compareTo(ANSWERED_WITHIN) < 0, "answered after " + took.toSeconds() + " s");
        } finally {
            OwnBrokerResources.backends().restartKafka();
        }
        // saved only with its publication: the scheduler and the database never disagree
        operator().get(budgets).then().statusCode(200).body("day", org.hamcrest.Matchers.nullValue());

        long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
        int status;
        do {
            status = operator().body("{\"day\": 500}").put(budgets).then().extract().statusCode();
        } while (status == 503 && System.nanoTime() < deadline);
        assertEquals(200, status);
        operator().get(budgets).then().statusCode(200).body("day", equalTo(500));
    }

    private static io.restassured.specification.RequestSpecification operator() {
        return io.restassured.RestAssured.given().header("X-Admin-Key", TestBackends.ADMIN_KEY)
                .contentType(io.restassured.http.ContentType.JSON);
    }

    private static Response submit(Api.Tenant tenant, String body) {
        return tenant.call().header(IdempotencyKey.HEADER, KEY).contentType(BatchResource.NDJSON).body(body)
                .post("/v1/problems/batch?budget=32&method=none");
    }

    /** Retries on 503, as a client should, until the broker has come back far enough to take the batch. */
    private static ExtractableResponse<Response> retryUntilAccepted(Api.Tenant tenant, String body) {
        long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
        while (true) {
            ExtractableResponse<Response> r = submit(tenant, body).then().extract();
            if (r.statusCode() != 503 || System.nanoTime() > deadline) {
                assertEquals(202, r.statusCode(), r.asString());
                return r;
            }
            sleep(Duration.ofSeconds(1));
        }
    }

    private static void sleep(Duration d) {
        try {
            Thread.sleep(d.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static List<ProblemRequest> ofBatch(List<SubmittedRecords.Submitted> records, String batchId) {
        return records.stream().map(SubmittedRecords.Submitted::request).filter(r -> batchId.equals(r.batch())).toList();
    }
}
