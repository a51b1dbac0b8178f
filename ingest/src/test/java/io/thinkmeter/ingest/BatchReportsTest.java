package io.thinkmeter.ingest;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ExtractableResponse;
import io.restassured.response.Response;
import io.thinkmeter.contracts.Json;
import io.thinkmeter.contracts.ProblemRequest;
import io.thinkmeter.contracts.ProblemResult;
import jakarta.inject.Inject;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import javax.sql.DataSource;
import java.io.IOException;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.notNullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * A batch of five problems, of which the fake sink has stored three results (one a failure), one
 * rejection, and nothing yet for the last: what its tenant can read back, and what another cannot.
 */
@QuarkusTest
@WithTestResource(IngestTestResources.class)
class BatchReportsTest {

    private static SubmittedRecords topic;
    private static AcceptedBatches batches;

    @Inject
    DataSource dataSource;

    private Api.Tenant tenant;
    private String batchId;

    @BeforeAll
    static void openTopic() {
        topic = new SubmittedRecords();
        batches = new AcceptedBatches();
    }

    @AfterAll
    static void closeTopic() {
        topic.close();
        batches.close();
    }

    @BeforeEach
    void submitAndPartlyAnswerABatch() {
        tenant = Api.newTenant("reports");
        Map<TopicPartition, Long> before = topic.mark();
        Map<TopicPartition, Long> batchesBefore = batches.mark();
        StringBuilder body = new StringBuilder();
        for (int i = 0; i < 5; i++) {
            body.append("{\"problem\": \"Compute ").append(i).append(" + 1.\", \"client_id\": \"line-").append(i)
                    .append("\"}\n");
        }
        batchId = tenant.call().contentType("application/x-ndjson").body(body.toString())
                .post("/v1/problems/batch?budget=100&method=budget-forcing")
                .then().statusCode(202).extract().path("batch_id");
        List<ProblemRequest> requests = topic.since(before).stream().map(SubmittedRecords.Submitted::request)
                .sorted(Comparator.comparing(ProblemRequest::sequence)).toList();

        FakeSink sink = new FakeSink(dataSource);
        batches.since(batchesBefore).forEach(sink::batch);
        requests.forEach(sink::submitted);
        // stored out of input order, as results arrive from several workers
        sink.answered(requests.get(3), 10, 30, 5);
        sink.failed(requests.get(1), 12);
        sink.answered(requests.get(0), 11, 20, 4);
        sink.rejected(requests.get(2), "tenant over quota");
    }

    @Test
    void shouldCountOutcomesAndSumTokens() {
        tenant.call().get("/v1/problems/batch/" + batchId)
                .then().statusCode(200)
                .body("batch_id", equalTo(batchId))
                .body("request_count", equalTo(5))
                .body("input_format", equalTo("thinkmeter"))
                .body("created_at", notNullValue())
                .body("counts.done", equalTo(2))
                .body("counts.error", equalTo(1))
                .body("counts.rejected", equalTo(1))
                .body("counts.submitted", equalTo(1))
                .body("tokens.prompt", equalTo(10 + 12 + 11))
                .body("tokens.thinking", equalTo(30 + 20))
                .body("tokens.answer", equalTo(5 + 4))
                .body("tokens.generated", equalTo(35 + 24))
                .body("tokens.total", equalTo(33 + 59));
    }

    @Test
    void shouldPageResultsInInputOrder() {
        tenant.call().get("/v1/problems/batch/" + batchId + "/results?page=0&size=2")
                .then().statusCode(200)
                .body("total", equalTo(3))
                .body("page", equalTo(0))
                .body("size", equalTo(2))
                .body("results.client_id", equalTo(List.of("line-0", "line-1")))
                .body("results.sequence", equalTo(List.of(0, 1)))
                .body("results[1].error", equalTo("model crashed"));
        tenant.call().get("/v1/problems/batch/" + batchId + "/results?page=1&size=2")
                .then().statusCode(200)
                .body("results.client_id", equalTo(List.of("line-3")));
        tenant.call().get("/v1/problems/batch/" + batchId + "/results")
                .then().statusCode(200).body("size", equalTo(100)).body("results", hasSize(3));

        tenant.call().get("/v1/problems/batch/" + batchId + "/results?size=1001")
                .then().statusCode(400)
                .body("problems", hasItem("query parameter size must be between 1 and 1000, was 1001"));
        tenant.call().get("/v1/problems/batch/" + batchId + "/results?page=-1")
                .then().statusCode(400);
    }

    @Test
    void shouldDownloadJsonlInInputOrderAndSayHowManyAreMissing() throws IOException {
        ExtractableResponse<Response> response = tenant.call().get("/v1/problems/batch/" + batchId + "/results.jsonl")
                .then().statusCode(200)
                .contentType("application/x-ndjson")
                .header(BatchResource.MISSING_HEADER, "2")
                .extract();
        List<String> lines = response.asString().lines().toList();
        assertEquals(3, lines.size(), response.asString());
        List<String> clientIds = new java.util.ArrayList<>();
        for (String line : lines) {
            clientIds.add(Json.forUsers().readValue(line, ProblemResult.class).clientId());
        }
        assertEquals(List.of("line-0", "line-1", "line-3"), clientIds);
    }

    @Test
    void aBatchNamedInProblemsProducedToKafkaIsReadLikeAnyOther() {
        // the scheduler's front door submits them with the producer's batch name, no sequence, no batches row
        FakeSink sink = new FakeSink(dataSource);
        List<ProblemRequest> produced = List.of(kafkaRequest("k1-" + tenant.id(), "q1"),
                kafkaRequest("k2-" + tenant.id(), "q2"));
        produced.forEach(sink::submitted);
        sink.answered(produced.get(1), 7, 9, 3);

        tenant.call().get("/v1/problems/batch/nightly-7")
                .then().statusCode(200)
                .body("batch_id", equalTo("nightly-7"))
                .body("request_count", equalTo(2))
                .body("input_format", equalTo("kafka"))
                .body("counts.done", equalTo(1))
                .body("counts.submitted", equalTo(1));
        tenant.call().get("/v1/problems/batch/nightly-7/results")
                .then().statusCode(200).body("results.client_id", equalTo(List.of("q2")));
        Api.newTenant("nosy").call().get("/v1/problems/batch/nightly-7").then().statusCode(404);
    }

    private ProblemRequest kafkaRequest(String id, String clientId) {
        return new ProblemRequest(1, id, clientId, tenant.id(), "nightly-7", null, "Compute 1 + 2.", 48,
                io.thinkmeter.contracts.Method.NONE, null, null, null, null, 0, null, java.time.Instant.now());
    }

    @Test
    void shouldHideTheBatchFromAnotherTenant() {
        Api.Tenant other = Api.newTenant("nosy");
        other.call().get("/v1/problems/batch/" + batchId).then().statusCode(404)
                .body("problems", hasItem("no batch '" + batchId + "' for this API key's tenant"));
        other.call().get("/v1/problems/batch/" + batchId + "/results").then().statusCode(404);
        other.call().get("/v1/problems/batch/" + batchId + "/results.jsonl").then().statusCode(404);
    }
}
