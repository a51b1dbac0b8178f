package io.thinkmeter.ingest;

import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ExtractableResponse;
import io.restassured.response.Response;
import io.thinkmeter.contracts.BatchAccepted;
import io.thinkmeter.contracts.BatchCancelled;
import io.thinkmeter.contracts.BudgetWindow;
import io.thinkmeter.contracts.Json;
import io.thinkmeter.contracts.OverBudget;
import io.thinkmeter.contracts.ProblemRequest;
import io.thinkmeter.contracts.Topics;
import io.thinkmeter.ingest.openai.BatchCancellations;
import io.thinkmeter.ingest.openai.BatchTracker;
import io.thinkmeter.storage.OpenAiBatches;
import io.thinkmeter.storage.OpenAiFiles;
import io.thinkmeter.storage.StoredResults;
import jakarta.inject.Inject;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import javax.sql.DataSource;
import java.io.IOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * OpenAI's Batches API through a real Kafka and PostgreSQL, the test playing the sink and the workers:
 * validating to completed with the files in input order and the ledger's usage; a file with bad lines;
 * cancel; expiry; and a crash's leftovers (a validating batch already published, two trackers at once).
 */
@QuarkusTest
@WithTestResource(IngestTestResources.class)
class OpenAiBatchesTest {

    private static SubmittedRecords submitted;
    private static AcceptedBatches accepted;
    private static CommittedRecords cancellations;

    @Inject
    DataSource dataSource;
    @Inject
    OpenAiBatches batches;
    @Inject
    OpenAiFiles files;
    @Inject
    StoredResults results;
    @Inject
    Intake intake;
    @Inject
    BatchCancellations cancellationNotices;
    @Inject
    IngestConfig config;
    @Inject
    HttpLimits http;

    @BeforeAll
    static void openTopics() {
        submitted = new SubmittedRecords();
        accepted = new AcceptedBatches();
        cancellations = new CommittedRecords(
                ConfigProvider.getConfig().getValue("kafka.bootstrap.servers", String.class), Topics.CANCELLATIONS);
    }

    @AfterAll
    static void closeTopics() {
        submitted.close();
        accepted.close();
        cancellations.close();
    }

    /** A batch created and published: its id, internal batch and requests in input order. */
    private record Running(Api.Tenant tenant, String id, BatchAccepted internal, List<ProblemRequest> requests) {}

    private Running start(String prefix, String content) {
        Api.Tenant tenant = Api.newTenant(prefix);
        String fileId = OpenAiApi.uploadBatchFile(tenant, content);
        Map<TopicPartition, Long> requestsFrom = submitted.mark();
        Map<TopicPartition, Long> batchesFrom = accepted.mark();
        String id = OpenAiApi.createBatch(tenant, fileId);
        OpenAiApi.awaitStatus(tenant, id, "in_progress");
        List<BatchAccepted> internal = accepted.since(batchesFrom).stream()
                .filter(b -> b.tenant().equals(tenant.id())).toList();
        assertEquals(1, internal.size(), "one internal batch, published once");
        List<ProblemRequest> requests = ofTenant(submitted.since(requestsFrom), tenant);
        FakeSink sink = new FakeSink(dataSource);
        sink.batch(internal.get(0));
        requests.forEach(sink::submitted);
        return new Running(tenant, id, internal.get(0), requests);
    }

    private static List<ProblemRequest> ofTenant(List<SubmittedRecords.Submitted> records, Api.Tenant tenant) {
        return records.stream().map(SubmittedRecords.Submitted::request).filter(r -> r.tenant().equals(tenant.id()))
                .sorted(Comparator.comparing(ProblemRequest::sequence)).toList();
    }

    @Test
    void aBatchRunsToCompletedWithItsFilesInInputOrderAndTheLedgersUsage() throws Exception {
        String content = OpenAiApi.line("a", "Compute 1 + 1.") + "\n\n"
                + "{\"custom_id\": \"b\", \"body\": {\"messages\": [{\"role\": \"user\", \"content\": \"Compute 2 + 2.\"}],"
                + " \"max_completion_tokens\": 100, \"n\": 2, \"temperature\": 0.7}}\n"
                + OpenAiApi.line("c", "Compute 3 + 3.") + "\n" + OpenAiApi.line("d", "Compute 4 + 4.") + "\n";
        Running run = start("oai-complete", content);
        assertEquals(5, run.requests().size(), "four lines, one of them two samples");
        assertEquals(BatchParser.OPENAI, run.internal().inputFormat());
        assertTrue(run.requests().stream().allMatch(r -> run.tenant().keyId().equals(r.apiKeyId())),
                "every request charged to the key that created the batch: " + run.requests());

        ExtractableResponse<Response> inProgress = OpenAiApi.batch(run.tenant(), run.id());
        assertEquals(4, (int) inProgress.path("request_counts.total"));
        assertEquals(IngestTestResources.COMPLETION_WINDOW_SECONDS,
                inProgress.<Integer>path("expires_at") - inProgress.<Integer>path("created_at"));
        assertEquals("nightly", inProgress.path("metadata.job"));
        assertEquals("/v1/chat/completions", inProgress.path("endpoint"));

        FakeSink sink = new FakeSink(dataSource);
        List<ProblemRequest> r = run.requests();
        // out of input order, as several workers answer; line c is refused over quota
        sink.answered(r.get(4), 14, 40, 6);
        sink.answered(r.get(2), 12, 30, 5);
        sink.rejected(r.get(3), OverBudget.reason(run.tenant().id(), run.tenant().keyId(), BudgetWindow.DAY,
                "2026-11-28", 1000, 10, 30, 200));
        sink.answered(r.get(0), 10, 20, 4);
        sink.answered(r.get(1), 11, 25, 3);

        ExtractableResponse<Response> done = OpenAiApi.awaitStatus(run.tenant(), run.id(), "completed");
        assertEquals(4, (int) done.path("request_counts.total"));
        assertEquals(3, (int) done.path("request_counts.completed"));
        assertEquals(1, (int) done.path("request_counts.failed"));
        assertNotNull(done.path("in_progress_at"));
        assertNotNull(done.path("finalizing_at"));
        assertNotNull(done.path("completed_at"));
        int prompt = 10 + 11 + 12 + 14;
        int generated = 24 + 28 + 35 + 46;
        assertEquals(prompt, (int) done.path("usage.input_tokens"));
        assertEquals(generated, (int) done.path("usage.output_tokens"));
        assertEquals(20 + 25 + 30 + 40, (int) done.path("usage.output_tokens_details.reasoning_tokens"));
        assertEquals(prompt + generated, (int) done.path("usage.total_tokens"));
        assertEquals(0, (int) done.path("usage.input_tokens_details.cached_tokens"));
        StoredResults.BatchTotals ledger = results.totals(run.tenant().id(), run.internal().id());
        assertEquals(ledger.promptTokens(), (long) (int) done.path("usage.input_tokens"));

        List<JsonNode> output = lines(run.tenant(), done.path("output_file_id"));
        assertEquals(List.of("a", "b", "d"), output.stream().map(l -> l.get("custom_id").asText()).toList());
        for (JsonNode line : output) {
            assertEquals(200, line.at("/response/status_code").asInt());
            assertTrue(line.get("error").isNull());
            assertEquals("chat.completion", line.at("/response/body/object").asText());
            assertEquals("834", line.at("/response/body/choices/0/message/content").asText());
        }
        JsonNode b = output.get(1);
        assertEquals(2, b.at("/response/body/choices").size(), "n = 2: one line, two choices");
        assertEquals(11 + 12, b.at("/response/body/usage/prompt_tokens").asInt());
        assertEquals(r.get(1).id(), b.at("/response/request_id").asText());

        List<JsonNode> errors = lines(run.tenant(), done.path("error_file_id"));
        assertEquals(1, errors.size());
        assertEquals("c", errors.get(0).get("custom_id").asText());
        assertEquals(429, errors.get(0).at("/response/status_code").asInt());
        assertEquals("insufficient_quota", errors.get(0).at("/error/code").asText());

        assertEquals(run.tenant().keyId(), apiKeyOf(run.id()), "the batch's spend is the creating key's");
        List<String> listed = run.tenant().call().get("/v1/batches").then().statusCode(200).extract().path("data.id");
        assertEquals(List.of(run.id()), listed);
        run.tenant().call().post("/v1/batches/" + run.id() + "/cancel").then().statusCode(400)
                .body("toString()", org.hamcrest.Matchers.containsString("Cannot cancel a batch with status 'completed'"));
    }

    @Test
    void aFileWithBadLinesFailsWithEveryErrorAndPublishesNothing() {
        Api.Tenant tenant = Api.newTenant("oai-bad");
        String content = OpenAiApi.line("a", "Compute 1 + 1.") + "\n"
                + "{not json\n"
                + "{\"custom_id\": \"c\", \"url\": \"/v1/embeddings\", \"body\": {\"messages\": [{\"role\": \"user\", \"content\": \"x\"}], \"max_completion_tokens\": 10}}\n"
                + OpenAiApi.line("a", "Compute 2 + 2.") + "\n";
        String fileId = OpenAiApi.uploadBatchFile(tenant, content);
        Map<TopicPartition, Long> from = submitted.mark();
        String id = OpenAiApi.createBatch(tenant, fileId);
        ExtractableResponse<Response> failed = OpenAiApi.awaitStatus(tenant, id, "failed");
        assertNotNull(failed.path("failed_at"));
        assertEquals("list", failed.path("errors.object"));
        List<Integer> lines = failed.path("errors.data.line");
        List<String> codes = failed.path("errors.data.code");
        assertEquals(List.of(2, 3, 4), lines, failed.body().asString());
        assertEquals(List.of("invalid_json_line", "invalid_request", "duplicate_custom_id"), codes);
        assertTrue(failed.<String>path("errors.data[1].message").contains("url must be /v1/chat/completions"));
        assertEquals("url", failed.path("errors.data[1].param"));
        assertNull(failed.path("errors.data[0].param"), "a line that is not JSON names no field");
        assertNull(failed.path("output_file_id"));
        assertEquals(List.of(), ofTenant(submitted.since(from), tenant), "nothing published");
    }

    @Test
    void aBadCreateRequestIsRefusedNamingTheField() {
        Api.Tenant tenant = Api.newTenant("oai-create");
        String fileId = OpenAiApi.uploadBatchFile(tenant, OpenAiApi.line("a", "Compute 1 + 1.") + "\n");
        tenant.call().contentType("application/json")
                .body("{\"input_file_id\": \"" + fileId + "\", \"endpoint\": \"/v1/embeddings\", \"completion_window\": \"1h\"}")
                .post("/v1/batches").then().statusCode(400)
                .body("toString()", org.hamcrest.Matchers.allOf(
                        org.hamcrest.Matchers.containsString("endpoint must be /v1/chat/completions"),
                        org.hamcrest.Matchers.containsString("completion_window must be 24h")));
        Api.Tenant other = Api.newTenant("oai-create-other");
        other.call().contentType("application/json")
                .body("{\"input_file_id\": \"" + fileId + "\", \"endpoint\": \"/v1/chat/completions\", \"completion_window\": \"24h\"}")
                .post("/v1/batches").then().statusCode(400)
                .body("toString()", org.hamcrest.Matchers.containsString("input_file_id"));
        other.call().get("/v1/batches/batch_0123456789abcdef0123456789abcdef").then().statusCode(404);
    }

    @Test
    void cancelSkipsWhatHasNotStartedAndKeepsWhatFinished() throws Exception {
        Map<TopicPartition, Long> noticesFrom = cancellations.mark();
        Running run = start("oai-cancel", OpenAiApi.line("a", "Compute 1 + 1.") + "\n"
                + OpenAiApi.line("b", "Compute 2 + 2.") + "\n" + OpenAiApi.line("c", "Compute 3 + 3.") + "\n");
        FakeSink sink = new FakeSink(dataSource);
        sink.answered(run.requests().get(0), 10, 20, 4);

        ExtractableResponse<Response> cancelling = run.tenant().call().post("/v1/batches/" + run.id() + "/cancel")
                .then().statusCode(200).extract();
        assertEquals("cancelling", cancelling.path("status"));
        assertNotNull(cancelling.path("cancelling_at"));
        BatchCancelled notice = notice(noticesFrom, run.internal().id());
        assertEquals(BatchCancelled.CANCELLED, notice.reason());
        assertEquals(run.tenant().id(), notice.tenant());

        // the workers skip the two they had not started
        sink.skipped(run.requests().get(1), notice.errorText());
        sink.skipped(run.requests().get(2), notice.errorText());
        ExtractableResponse<Response> cancelled = OpenAiApi.awaitStatus(run.tenant(), run.id(), "cancelled");
        assertNotNull(cancelled.path("cancelled_at"));
        assertEquals(1, (int) cancelled.path("request_counts.completed"));
        assertEquals(2, (int) cancelled.path("request_counts.failed"));
        assertEquals(List.of("a"), lines(run.tenant(), cancelled.path("output_file_id")).stream()
                .map(l -> l.get("custom_id").asText()).toList());
        List<JsonNode> errors = lines(run.tenant(), cancelled.path("error_file_id"));
        assertEquals(List.of("b", "c"), errors.stream().map(l -> l.get("custom_id").asText()).toList());
        for (JsonNode e : errors) {
            assertEquals("batch_cancelled", e.at("/error/code").asText());
            assertTrue(e.get("response").isNull());
        }
        run.tenant().call().post("/v1/batches/" + run.id() + "/cancel").then().statusCode(400);
    }

    @Test
    void aBatchWhoseWindowRunsOutExpires() throws Exception {
        Map<TopicPartition, Long> noticesFrom = cancellations.mark();
        Running run = start("oai-expire", OpenAiApi.line("a", "Compute 1 + 1.") + "\n"
                + OpenAiApi.line("b", "Compute 2 + 2.") + "\n");
        FakeSink sink = new FakeSink(dataSource);
        sink.answered(run.requests().get(0), 10, 20, 4);
        try (Connection c = OpenAiApi.asOwner().getConnection(); PreparedStatement ps = c.prepareStatement(
                "UPDATE openai_batches SET expires_at = now() - interval '1 second' WHERE id = ?")) {
            ps.setString(1, run.id());
            assertEquals(1, ps.executeUpdate());
        }
        BatchCancelled notice = notice(noticesFrom, run.internal().id());
        assertEquals(BatchCancelled.EXPIRED, notice.reason());
        assertEquals("in_progress", OpenAiApi.batch(run.tenant(), run.id()).path("status"),
                "until its unstarted requests are skipped");
        sink.skipped(run.requests().get(1), notice.errorText());

        ExtractableResponse<Response> expired = OpenAiApi.awaitStatus(run.tenant(), run.id(), "expired");
        assertNotNull(expired.path("expired_at"));
        assertEquals(List.of("a"), lines(run.tenant(), expired.path("output_file_id")).stream()
                .map(l -> l.get("custom_id").asText()).toList());
        List<JsonNode> errors = lines(run.tenant(), expired.path("error_file_id"));
        assertEquals(1, errors.size());
        assertEquals("b", errors.get(0).get("custom_id").asText());
        assertEquals("batch_expired", errors.get(0).at("/error/code").asText());
    }

    @Test
    void aValidatingBatchLeftByACrashIsPickedUpWithoutPublishingTwiceAndEndsOnce() throws Exception {
        Api.Tenant tenant = Api.newTenant("oai-crash");
        String fileId = OpenAiApi.uploadBatchFile(tenant, OpenAiApi.line("a", "Compute 1 + 1.") + "\n"
                + OpenAiApi.line("b", "Compute 2 + 2.") + "\n");
        String id = "batch_" + java.util.UUID.randomUUID().toString().replace("-", "");
        Map<TopicPartition, Long> requestsFrom = submitted.mark();
        Map<TopicPartition, Long> batchesFrom = accepted.mark();
        // the crashed instance had published the lines, and the sink stored the batch, but its row stayed validating
        Intake.FileBatchTaken first = intake.submitFile(tenant.id(), tenant.keyId(), id, fileId, 1 << 20,
                reader -> files.read(tenant.id(), fileId, reader).orElseThrow());
        assertEquals(List.of(), first.read().errors());
        FakeSink sink = new FakeSink(dataSource);
        accepted.since(batchesFrom).stream().filter(b -> b.tenant().equals(tenant.id())).forEach(sink::batch);
        batches.create(new OpenAiBatches.NewBatch(id, tenant.id(), tenant.keyId(), fileId, "/v1/chat/completions",
                "24h", null, Instant.now(), Instant.now().plusSeconds(600)));

        OpenAiApi.awaitStatus(tenant, id, "in_progress");
        List<ProblemRequest> requests = ofTenant(submitted.since(requestsFrom), tenant);
        assertEquals(2, requests.size(), "published once, not again by the instance that picked it up");
        assertTrue(requests.stream().allMatch(r -> tenant.keyId().equals(r.apiKeyId())), "the creating key's");
        requests.forEach(sink::submitted);

        // a second instance's tracker works on the same batch at the same moment as this one's
        BatchTracker second = new BatchTracker(batches, files, results, intake, cancellationNotices, config, http);
        sink.answered(requests.get(1), 10, 20, 4);
        CountDownLatch go = new CountDownLatch(1);
        List<CompletableFuture<Void>> racers = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            racers.add(CompletableFuture.runAsync(() -> {
                await(go);
                second.advance(id, tenant.id());
            }));
        }
        sink.answered(requests.get(0), 10, 20, 4);
        go.countDown();
        for (CompletableFuture<Void> racer : racers) {
            try {
                racer.join();
            } catch (RuntimeException e) {
                // a racer that lost may fail on the row it lost: the batch is what counts
            }
        }
        ExtractableResponse<Response> done = OpenAiApi.awaitStatus(tenant, id, "completed");
        OpenAiApi.sleep(500);
        List<String> outputs = tenant.call().get("/v1/files?purpose=batch_output").then().statusCode(200).extract()
                .path("data.id");
        assertEquals(List.of(done.<String>path("output_file_id")), outputs, "ended once: one output file");
        assertEquals(List.of("a", "b"), lines(tenant, done.path("output_file_id")).stream()
                .map(l -> l.get("custom_id").asText()).toList());
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static BatchCancelled notice(Map<TopicPartition, Long> from, String internalBatchId) throws IOException {
        long deadline = System.nanoTime() + java.time.Duration.ofSeconds(20).toNanos();
        while (System.nanoTime() < deadline) {
            for (ConsumerRecord<String, String> r : cancellations.since(from)) {
                if (internalBatchId.equals(r.key())) {
                    return Json.forUsers().readValue(r.value(), BatchCancelled.class);
                }
            }
            OpenAiApi.sleep(100);
        }
        throw new AssertionError("no cancellation notice for batch " + internalBatchId);
    }

    private static List<JsonNode> lines(Api.Tenant tenant, String fileId) throws IOException {
        assertNotNull(fileId);
        List<JsonNode> lines = new ArrayList<>();
        for (String line : OpenAiApi.content(tenant, fileId)) {
            lines.add(Json.forServices().readTree(line));
        }
        return lines;
    }

    private String apiKeyOf(String batchId) throws SQLException {
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement("SELECT api_key_id FROM openai_batches WHERE id = ?")) {
            ps.setString(1, batchId);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getString(1);
            }
        }
    }
}
