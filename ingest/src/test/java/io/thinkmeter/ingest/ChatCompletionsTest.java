package io.thinkmeter.ingest;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ExtractableResponse;
import io.restassured.response.Response;
import io.thinkmeter.contracts.BudgetWindow;
import io.thinkmeter.contracts.ChatMessage;
import io.thinkmeter.contracts.Json;
import io.thinkmeter.contracts.Level;
import io.thinkmeter.contracts.Method;
import io.thinkmeter.contracts.OverBudget;
import io.thinkmeter.contracts.Pool;
import io.thinkmeter.contracts.ProblemRequest;
import io.thinkmeter.contracts.SamplingOptions;
import jakarta.inject.Inject;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/** {@code POST /v1/chat/completions} against a real broker and database, the test playing the workers and the sink. */
@QuarkusTest
@WithTestResource(IngestTestResources.class)
class ChatCompletionsTest {

    @RegisterExtension
    static final SubmittedTopic topic = new SubmittedTopic();

    @Inject
    DataSource dataSource;

    @Test
    void shouldAnswerNSamplesAsOneCompletionWithUsageEqualToTheLedgerRows() throws Exception {
        Api.Tenant tenant = Api.newTenant("chat");
        FakeSink sink = new FakeSink(dataSource);
        String problem = "And 478 + 356? (" + tenant.id() + ")";
        Map<TopicPartition, Long> before = topic.mark();
        CompletableFuture<List<ProblemRequest>> answered = FakeSink.whenSubmitted(before, problem, 2, samples -> {
            sink.submitted(samples.get(0));
            sink.submitted(samples.get(1));
            sink.answered(samples.get(0), 12, 40, 9);
            sink.answered(samples.get(1), 14, 30, 5);
        });

        String body = """
                {"model": "o4-mini", "messages": [{"role": "user", "content": "Compute 1 + 1."},
                 {"role": "assistant", "content": "2"}, {"role": "user", "content": "%s"}],
                 "max_completion_tokens": 96, "reasoning_effort": "medium", "n": 2, "temperature": 0.7, "seed": 5,
                 "user": "student-7", "store": false, "metadata": {"course": "algebra"}}
                """.formatted(problem);
        String key = "chat-" + tenant.id();
        ExtractableResponse<Response> response = tenant.call().contentType(ContentType.JSON)
                .header(IdempotencyKey.HEADER, key).body(body)
                .post("/v1/chat/completions")
                .then().statusCode(200)
                .contentType(ContentType.JSON)
                .body("object", equalTo("chat.completion"))
                .body("model", equalTo("tiny-reasoner"))
                .body("choices.size()", equalTo(2))
                .body("choices[0].index", equalTo(0))
                .body("choices[1].index", equalTo(1))
                .body("choices[0].message.role", equalTo("assistant"))
                .body("choices[0].message.content", equalTo("834"))
                .body("choices[0].message.reasoning_content", equalTo("478 + 356 = 834"))
                .body("choices[0].finish_reason", equalTo("stop"))
                .body("usage.prompt_tokens", equalTo(26))
                .body("usage.completion_tokens", equalTo(84))
                .body("usage.total_tokens", equalTo(110))
                .body("usage.completion_tokens_details.reasoning_tokens", equalTo(70))
                .extract();

        List<ProblemRequest> samples = answered.get(20, TimeUnit.SECONDS);
        ProblemRequest first = samples.get(0);
        assertEquals("chatcmpl-" + first.id(), response.path("id"));
        assertEquals(List.of("chatcmpl-" + first.id() + "#0", "chatcmpl-" + first.id() + "#1"),
                samples.stream().map(ProblemRequest::clientId).toList(), "each sample its own request");
        assertEquals(List.of(new SamplingOptions(0.7, null, null, 5L), new SamplingOptions(0.7, null, null, 6L)),
                samples.stream().map(ProblemRequest::sampling).toList());
        assertEquals(Method.TLDR, first.method(), "medium effort, with the TLDR model served");
        assertEquals(Level.MEDIUM, first.level());
        assertEquals(96, first.budget());
        assertEquals("student-7", first.endUser());
        assertEquals(List.of(new ChatMessage("user", "Compute 1 + 1."), new ChatMessage("assistant", "2"),
                new ChatMessage("user", problem)), first.messages());
        assertEquals(problem, first.problem());
        assertEquals(List.of(tenant.keyId(), tenant.keyId()), samples.stream().map(ProblemRequest::apiKeyId).toList(),
                "every sample charged to the key that asked");
        assertEquals(List.of(26L, 84L, 70L), ledger(samples),
                "usage is the ledger's rows: prompt, generated and thinking tokens summed over the samples");
        assertEquals("student-7|3", text("SELECT concat_ws('|', end_user, jsonb_array_length(messages)) FROM requests "
                + "WHERE id = ?", first.id()), "the conversation and end user are on the requests row");
        tenant.call().get("/v1/problems/" + first.id()).then().statusCode(200).body("status", equalTo("done"));

        // sent again under its key (a client's retry): the same completion, nothing published again
        tenant.call().contentType(ContentType.JSON).header(IdempotencyKey.HEADER, key).body(body)
                .post("/v1/chat/completions")
                .then().statusCode(200)
                .header(IdempotencyKey.HEADER, key)
                .body("id", equalTo("chatcmpl-" + first.id()))
                .body("usage.total_tokens", equalTo(110));
        assertEquals(2, topic.since(before).size(), "two samples, each published once");
    }

    @Test
    void shouldAnswerAWaitThatRunsOutWithTheRequestIdAndLetTheRetryWaitOnTheSameRequest() throws Exception {
        Api.Tenant tenant = Api.newTenant("slow");
        String problem = "Compute 6 * 7. (" + tenant.id() + ")";
        String body = "{\"model\": \"tiny-reasoner\", \"messages\": [{\"role\": \"user\", \"content\": \"" + problem
                + "\"}], \"max_completion_tokens\": 64}";
        Map<TopicPartition, Long> before = topic.mark();
        long start = System.nanoTime();

        ExtractableResponse<Response> timedOut = tenant.call().contentType(ContentType.JSON).body(body)
                .post("/v1/chat/completions")
                .then().statusCode(503)
                .header("Retry-After", "1")
                .body("error.type", equalTo("server_error"))
                .body("error.code", equalTo("timeout"))
                .body("error.param", nullValue())
                .extract();
        assertTrue(Duration.ofNanos(System.nanoTime() - start).toSeconds() >= 9, "it waited max-wait (10 s)");
        List<SubmittedRecords.Submitted> produced = topic.since(before);
        assertEquals(1, produced.size());
        ProblemRequest request = produced.get(0).request();
        assertTrue(timedOut.<String>path("error.message").contains("as request " + request.id()),
                timedOut.<String>path("error.message"));
        assertEquals("/v1/problems/" + request.id(), java.net.URI.create(timedOut.header("Location")).getPath());
        tenant.call().get("/v1/problems/" + request.id()).then().statusCode(200).body("status", equalTo("submitted"));

        FakeSink sink = new FakeSink(dataSource);
        sink.submitted(request);
        sink.answered(request, 10, 20, 5);
        // the SDKs retry a 503 with the same body and no key: it finds the first request and waits on it
        tenant.call().contentType(ContentType.JSON).body(body)
                .post("/v1/chat/completions")
                .then().statusCode(200)
                .body("id", equalTo("chatcmpl-" + request.id()))
                .body("usage.total_tokens", equalTo(35));
        assertEquals(1, topic.since(before).size(), "the retry published nothing");
    }

    @Test
    void shouldAnswerAQuotaRejectionAs429AndAnyOtherAs400() throws Exception {
        Api.Tenant tenant = Api.newTenant("quota");
        FakeSink sink = new FakeSink(dataSource);
        String overQuota = "Compute 2 + 2. (" + tenant.id() + ")";
        String quotaReason = OverBudget.reason(tenant.id(), null, BudgetWindow.MONTH, "2026-11", 100, 40, 14, 96);
        CompletableFuture<ProblemRequest> rejected = FakeSink.whenSubmitted(topic.mark(), overQuota,
                r -> sink.rejected(r.withPool(Pool.SHORT), quotaReason));
        tenant.call().contentType(ContentType.JSON).body(ask(overQuota, 96))
                .post("/v1/chat/completions")
                .then().statusCode(429)
                .header("x-should-retry", "false")
                .body("error.type", equalTo("insufficient_quota"))
                .body("error.code", equalTo("insufficient_quota"))
                .body("error.message", containsString(quotaReason));
        rejected.get(20, TimeUnit.SECONDS);

        String noPool = "Compute 3 + 3. (" + tenant.id() + ")";
        CompletableFuture<ProblemRequest> refused = FakeSink.whenSubmitted(topic.mark(), noPool,
                r -> sink.rejected(r.withPool(Pool.SHORT), "no pool accepts budget 96"));
        tenant.call().contentType(ContentType.JSON).body(ask(noPool, 96))
                .post("/v1/chat/completions")
                .then().statusCode(400)
                .body("error.type", equalTo("invalid_request_error"))
                .body("error.message", containsString("no pool accepts budget 96"));
        refused.get(20, TimeUnit.SECONDS);
    }

    @Test
    void shouldStreamTheCompletionAsOpenAisChunks() throws Exception {
        Api.Tenant tenant = Api.newTenant("stream");
        FakeSink sink = new FakeSink(dataSource);
        String problem = "Compute 478 + 356. (" + tenant.id() + ")";
        CompletableFuture<ProblemRequest> answered = FakeSink.whenSubmitted(topic.mark(), problem, r -> {
            sink.submitted(r);
            sink.answered(r, 12, 40, 9);
        });

        // the SDKs send Accept: application/json on every call, streaming ones too
        String events = tenant.call().contentType(ContentType.JSON).accept(ContentType.JSON).body("""
                {"messages": [{"role": "user", "content": "%s"}], "max_completion_tokens": 96, "stream": true,
                 "stream_options": {"include_usage": true}}
                """.formatted(problem))
                .post("/v1/chat/completions")
                .then().statusCode(200)
                .contentType(containsString("text/event-stream"))
                .extract().asString();

        String id = "chatcmpl-" + answered.get(20, TimeUnit.SECONDS).id();
        List<String> data = new ArrayList<>();
        for (String event : events.split("\n\n")) {
            assertTrue(event.startsWith("data: "), event);
            data.add(event.substring("data: ".length()));
        }
        assertEquals("[DONE]", data.get(data.size() - 1));
        List<JsonNode> chunks = new ArrayList<>();
        for (String d : data.subList(0, data.size() - 1)) {
            JsonNode chunk = Json.forServices().readTree(d);
            assertEquals("chat.completion.chunk", chunk.path("object").asText());
            assertEquals(id, chunk.path("id").asText());
            assertEquals("tiny-reasoner", chunk.path("model").asText());
            chunks.add(chunk);
        }
        assertEquals(5, chunks.size(), events);
        assertEquals("assistant", chunks.get(0).at("/choices/0/delta/role").asText());
        assertEquals("478 + 356 = 834", chunks.get(1).at("/choices/0/delta/reasoning_content").asText());
        assertEquals("834", chunks.get(2).at("/choices/0/delta/content").asText());
        assertTrue(chunks.get(2).at("/choices/0/finish_reason").isNull());
        assertEquals("stop", chunks.get(3).at("/choices/0/finish_reason").asText());
        assertEquals(0, chunks.get(4).path("choices").size(), "the usage chunk has no choices");
        assertEquals(61, chunks.get(4).at("/usage/total_tokens").asInt());
        assertEquals(40, chunks.get(4).at("/usage/completion_tokens_details/reasoning_tokens").asInt());
    }

    @Test
    void shouldRefuseABadRequestNamingTheFieldAndPublishNothing() {
        Api.Tenant tenant = Api.newTenant("badchat");
        Map<TopicPartition, Long> before = topic.mark();
        for (String field : List.of("tools", "logprobs", "response_format", "stop", "frequency_penalty", "audio")) {
            tenant.call().contentType(ContentType.JSON)
                    .body("{\"messages\": [{\"role\": \"user\", \"content\": \"hi\"}], \"" + field + "\": true}")
                    .post("/v1/chat/completions")
                    .then().statusCode(400)
                    .body("error.type", equalTo("invalid_request_error"))
                    .body("error.param", equalTo(field))
                    .body("error.code", equalTo("unsupported_parameter"))
                    .body("error.message", containsString(field + " is not supported"));
        }
        tenant.call().contentType(ContentType.JSON)
                .body("{\"messages\": [{\"role\": \"system\", \"content\": \"Be brief.\"}, {\"role\": \"user\", "
                        + "\"content\": \"hi\"}]}")
                .post("/v1/chat/completions")
                .then().statusCode(400)
                .body("error.param", equalTo("messages"))
                .body("error.message", containsString("cannot be expressed by the model's chat template: "
                        + "tiny-reasoner takes no system message"));
        tenant.call().contentType(ContentType.JSON)
                .body("{\"messages\": [{\"role\": \"user\", \"content\": \"hi\"}], \"max_completion_tokens\": 5000}")
                .post("/v1/chat/completions")
                .then().statusCode(400)
                .body("error.param", equalTo("max_completion_tokens"));
        tenant.call().contentType(ContentType.JSON)
                .body("{\"messages\": [{\"role\": \"user\", \"content\": \"hi\"}], \"n\": 2}")
                .post("/v1/chat/completions")
                .then().statusCode(400)
                .body("error.param", equalTo("n"))
                .body("error.message", containsString("needs a sampling temperature above 0"));
        tenant.call().contentType(ContentType.JSON).body("{\"messages\": ")
                .post("/v1/chat/completions")
                .then().statusCode(400)
                .body("error.type", equalTo("invalid_request_error"))
                .body("error.param", nullValue());
        assertEquals(List.of(), topic.since(before), "nothing of a refused request is published");
    }

    @Test
    void shouldGiveABodyWithoutATokenCapTheTenantsDefaultBudgetElseAllTheModelCanGenerate() {
        String key = given().header("X-Admin-Key", IngestTestResources.ADMIN_KEY).contentType(ContentType.JSON)
                .body("{\"id\": \"" + IngestTestResources.CHAT_DEFAULTS_TENANT + "\", \"name\": \"Defaults\"}")
                .post("/v1/tenants").then().statusCode(201).extract().path("api_key");
        Api.Tenant own = new Api.Tenant(IngestTestResources.CHAT_DEFAULTS_TENANT, key, null);
        Api.Tenant other = Api.newTenant("nocap");
        Map<TopicPartition, Long> before = topic.mark();
        for (Api.Tenant tenant : List.of(own, other)) {
            tenant.call().contentType(ContentType.JSON).header(IdempotencyKey.HEADER, "nocap")
                    .body("{\"messages\": [{\"role\": \"user\", \"content\": \"Compute 5 + 5.\"}], "
                            + "\"reasoning_effort\": \"minimal\"}")
                    .post("/v1/chat/completions").then().statusCode(503);
        }
        // the two tenants' requests have different keys, so different partitions: compare them by tenant, not order
        Map<String, ProblemRequest> produced = topic.since(before).stream().map(SubmittedRecords.Submitted::request)
                .collect(java.util.stream.Collectors.toMap(ProblemRequest::tenant, r -> r));
        assertEquals(Map.of(own.id(), 48, other.id(), IngestTestResources.MAX_BUDGET),
                Map.of(own.id(), produced.get(own.id()).budget(), other.id(), produced.get(other.id()).budget()),
                "the tenant's own default (tenant-default-budget), else max-budget");
        for (ProblemRequest r : produced.values()) {
            assertEquals(Method.BUDGET_FORCING, r.method());
            assertEquals(0, r.thinkingLimit(), "minimal effort: no thinking");
        }
    }

    private static String ask(String problem, int budget) {
        return "{\"messages\": [{\"role\": \"user\", \"content\": \"" + problem + "\"}], \"max_completion_tokens\": "
                + budget + "}";
    }

    /** Prompt, generated and thinking tokens of the samples' ledger rows. */
    private List<Long> ledger(List<ProblemRequest> samples) throws Exception {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement("""
                SELECT sum(prompt_tokens), sum(generated_tokens), sum(thinking_tokens) FROM token_ledger
                WHERE request_id = ANY (?)
                """)) {
            ps.setArray(1, c.createArrayOf("text", samples.stream().map(ProblemRequest::id).toArray()));
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return List.of(rs.getLong(1), rs.getLong(2), rs.getLong(3));
            }
        }
    }

    private String text(String sql, String parameter) throws Exception {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, parameter);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getString(1);
            }
        }
    }
}
