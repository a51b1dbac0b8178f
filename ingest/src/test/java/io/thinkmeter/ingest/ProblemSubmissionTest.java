package io.thinkmeter.ingest;

import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ExtractableResponse;
import io.restassured.response.Response;
import io.thinkmeter.contracts.BudgetWindow;
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
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

@QuarkusTest
@WithTestResource(IngestTestResources.class)
class ProblemSubmissionTest {

    @RegisterExtension
    static final SubmittedTopic topic = new SubmittedTopic();

    @Inject
    DataSource dataSource;

    @Test
    void shouldProduceAValidProblemOnceWithEveryField() {
        Api.Tenant tenant = Api.newTenant("single");
        Map<TopicPartition, Long> before = topic.mark();
        Instant start = Instant.now();

        ExtractableResponse<Response> response = tenant.call().contentType(ContentType.JSON).body("""
                        {"problem": "Compute 478 + 356.", "budget": 96, "method": "ts", "level": "short",
                         "stop_temperature": 2.0, "answer_reserve": 8, "priority": 3, "client_id": "q-17",
                         "sampling": {"temperature": 0.7, "top_k": 20, "top_p": 0.9, "seed": 42}}
                        """)
                .post("/v1/problems")
                .then().statusCode(202)
                .body("status", equalTo("submitted"))
                .extract();
        String id = response.path("id");
        assertEquals("/v1/problems/" + id, java.net.URI.create(response.header("Location")).getPath());

        List<SubmittedRecords.Submitted> produced = topic.since(before);
        assertEquals(1, produced.size(), "exactly one record: " + produced);
        assertEquals(id, produced.get(0).key());
        ProblemRequest r = produced.get(0).request();
        assertEquals(id, r.id());
        assertEquals(ProblemRequest.SCHEMA_VERSION, r.schemaVersion());
        assertEquals(tenant.id(), r.tenant());
        assertEquals(tenant.keyId(), r.apiKeyId(), "charged to the key that sent it");
        assertEquals("q-17", r.clientId());
        assertEquals("Compute 478 + 356.", r.problem());
        assertEquals(96, r.budget());
        assertEquals(Method.TS, r.method());
        assertEquals(Level.SHORT, r.level());
        assertEquals(2.0, r.stopTemperature());
        assertEquals(8, r.answerReserve());
        assertEquals(3, r.priority());
        assertEquals(new SamplingOptions(0.7, 20, 0.9, 42L), r.sampling());
        assertNull(r.batch());
        assertNull(r.sequence());
        assertNull(r.pool(), "the scheduler routes; ingest leaves the pool unset");
        assertTrue(!r.submittedAt().isBefore(start.minusSeconds(1)), "submitted_at is the acceptance time");

        // the storage sink has not stored it yet, but the caller was just given the id
        tenant.call().get("/v1/problems/" + id).then().statusCode(200).body("status", equalTo("submitted"));
    }

    @Test
    void shouldAnswer400NamingTheFieldAndItsNamesForAMethodTheContractDoesNotKnow() {
        Api.Tenant tenant = Api.newTenant("fast");
        Map<TopicPartition, Long> before = topic.mark();

        tenant.call().contentType(ContentType.JSON)
                .body("{\"problem\": \"Compute 2 + 2.\", \"budget\": 96, \"method\": \"fast\", \"stop_temperature\": 2.0}")
                .post("/v1/problems")
                .then().statusCode(400)
                .body("error", equalTo("the problem is invalid; nothing was submitted"))
                .body("problems", contains("method must be one of none, budget-forcing, ts, tldr; was 'fast'"));
        tenant.call().contentType(ContentType.JSON)
                .body("{\"problem\": \"Compute 2 + 2.\", \"budget\": 96, \"method\": \"TS\"}")
                .post("/v1/problems")
                .then().statusCode(400)
                .body("problems", contains("method must be one of none, budget-forcing, ts, tldr; was 'TS'"));

        assertEquals(List.of(), topic.since(before));
    }

    @Test
    void shouldListEveryProblemOfAnInvalidProblemAndProduceNothing() {
        Api.Tenant tenant = Api.newTenant("invalid");
        Map<TopicPartition, Long> before = topic.mark();

        tenant.call().contentType(ContentType.JSON).body("""
                        {"problem": " ", "budjet": 96, "method": "think-hard", "level": "huge",
                         "stop_temperature": 2.0, "sampling": {"top_p": 1.5, "top_k": "many"}}
                        """)
                .post("/v1/problems")
                .then().statusCode(400)
                .body("error", equalTo("the problem is invalid; nothing was submitted"))
                .body("problems", containsInAnyOrder(
                        "unknown field 'budjet'; the fields are problem, budget, method, level, stop_temperature, "
                                + "answer_reserve, min_thinking, sampling, priority, samples, client_id, tenant, schema_version",
                        "sampling.top_k must be a whole number between -2147483648 and 2147483647, was \"many\"",
                        "budget is required: the most tokens the model may generate, 1 to 1000000",
                        "problem is required and must not be blank",
                        "method must be one of none, budget-forcing, ts, tldr; was 'think-hard'",
                        "level must be one of short, medium, long; was 'huge'",
                        "sampling.top_p must be in (0, 1], was 1.5"));

        tenant.call().contentType(ContentType.JSON).body("{\"problem\": \"Compute 2 + 2.\", \"budget\": ")
                .post("/v1/problems")
                .then().statusCode(400)
                .body("problems", hasSize(1))
                .body("problems[0]", startsWith("body: not valid JSON"));

        tenant.call().contentType(ContentType.JSON).body("[1, 2]").post("/v1/problems")
                .then().statusCode(400).body("problems", hasItem("body: must be a JSON object, was [1,2]"));

        assertEquals(List.of(), topic.since(before), "nothing may be produced for a refused problem");
    }

    @Test
    void shouldRefuseBadWaitParametersBeforeProducingAnything() {
        Api.Tenant tenant = Api.newTenant("params");
        Map<TopicPartition, Long> before = topic.mark();
        String body = "{\"problem\": \"Compute 2 + 2.\", \"budget\": 64, \"method\": \"none\"}";

        tenant.call().contentType(ContentType.JSON).body(body).post("/v1/problems?wait=true&timeout=soon")
                .then().statusCode(400).body("problems", hasItem(
                        "query parameter timeout must be a duration such as 20s, 500ms, 2m or PT20S, was 'soon'"));
        tenant.call().contentType(ContentType.JSON).body(body).post("/v1/problems?wait=perhaps")
                .then().statusCode(400).body("problems", hasItem(
                        "query parameter wait must be true or false, was 'perhaps'"));
        tenant.call().contentType(ContentType.JSON).body(body).post("/v1/problems?timeout=5s")
                .then().statusCode(400).body("problems", hasItem(startsWith("query parameter timeout applies only")));

        assertEquals(List.of(), topic.since(before));
    }

    @Test
    void shouldWaitForTheResultAndAnswer200WhenItIsStored() {
        Api.Tenant tenant = Api.newTenant("waiter");
        FakeSink sink = new FakeSink(dataSource);
        String problem = "Compute 478 + 356. (" + tenant.id() + ")";
        CompletableFuture<ProblemRequest> stored = FakeSink.whenSubmitted(topic.mark(), problem, r -> {
            sleep(300); // the result arrives a little later, as a worker's would
            sink.submitted(r);
            sink.answered(r, 12, 40, 9);
        });

        ExtractableResponse<Response> response = tenant.call().contentType(ContentType.JSON)
                .body("{\"problem\": \"" + problem + "\", \"budget\": 96, \"method\": \"budget-forcing\", "
                        + "\"client_id\": \"w-1\"}")
                .post("/v1/problems?wait=true&timeout=20s")
                .then().statusCode(200)
                .body("status", equalTo("done"))
                .body("result.final_answer", equalTo("834"))
                .body("result.thinking_tokens", equalTo(40))
                .body("result.generated_tokens", equalTo(49))
                .body("result.client_id", equalTo("w-1"))
                .body("result.pool", equalTo("short"))
                .body("result.timings.finished_at", equalTo("2026-03-02T10:15:30Z"))
                .extract();
        String id = response.path("id");
        assertEquals(stored.join().id(), id);

        tenant.call().get("/v1/problems/" + id)
                .then().statusCode(200).body("status", equalTo("done")).body("result.request_id", equalTo(id));
        Api.newTenant("other").call().get("/v1/problems/" + id).then().statusCode(404);
        tenant.call().get("/v1/problems/no-such-id").then().statusCode(404)
                .body("problems", hasItem("no problem 'no-such-id' for this API key's tenant"));
    }

    @Test
    void shouldAnswer202PendingWhenTheWaitRunsOut() {
        Api.Tenant tenant = Api.newTenant("impatient");
        long start = System.nanoTime();
        tenant.call().contentType(ContentType.JSON)
                .body("{\"problem\": \"Compute 9 * 9.\", \"budget\": 32, \"method\": \"none\"}")
                .post("/v1/problems?wait=true&timeout=300ms")
                .then().statusCode(202)
                .body("status", equalTo("pending"))
                .body("result", nullValue());
        long tookMillis = Duration.ofNanos(System.nanoTime() - start).toMillis();
        assertTrue(tookMillis >= 300 && tookMillis < 5_000, "waited " + tookMillis + " ms for a 300 ms timeout");
    }

    @Test
    void shouldAnswer200RejectedWithTheReason() throws Exception {
        Api.Tenant tenant = Api.newTenant("refused");
        FakeSink sink = new FakeSink(dataSource);
        String problem = "Compute 1 + 1. (" + tenant.id() + ")";
        String reason = "no pool accepts budget 500";
        CompletableFuture<ProblemRequest> rejected = FakeSink.whenSubmitted(topic.mark(), problem,
                r -> sink.rejected(r.withPool(Pool.SHORT), reason));

        tenant.call().contentType(ContentType.JSON)
                .body("{\"problem\": \"" + problem + "\", \"budget\": 500, \"method\": \"none\"}")
                .post("/v1/problems?wait=true")
                .then().statusCode(200)
                .body("status", equalTo("rejected"))
                .body("reason", equalTo(reason));
        rejected.get(20, TimeUnit.SECONDS);
    }

    @Test
    void shouldAnswer429WhenABudgetRefusedTheProblemItWaitedFor() throws Exception {
        Api.Tenant tenant = Api.newTenant("over-budget");
        FakeSink sink = new FakeSink(dataSource);
        String problem = "Compute 1 + 2. (" + tenant.id() + ")";
        String reason = OverBudget.reason(tenant.id(), tenant.keyId(), BudgetWindow.DAY, "2026-11-28", 5000, 120, 112,
                500);
        CompletableFuture<ProblemRequest> rejected = FakeSink.whenSubmitted(topic.mark(), problem,
                r -> sink.rejected(r.withPool(Pool.SHORT), reason));

        String id = tenant.call().contentType(ContentType.JSON).header(IdempotencyKey.HEADER, "budget-" + tenant.id())
                .body("{\"problem\": \"" + problem + "\", \"budget\": 500, \"method\": \"none\"}")
                .post("/v1/problems?wait=true")
                .then().statusCode(429)
                .header(IdempotencyKey.HEADER, "budget-" + tenant.id())
                .body("error", startsWith("request "))
                .body("problems", contains(reason))
                .body("idempotency_key", equalTo("budget-" + tenant.id()))
                .extract().path("error").toString().split(" ")[1];
        assertEquals(rejected.get(20, TimeUnit.SECONDS).id(), id);
        // read back later it is a rejection like any other, with the same reason
        tenant.call().get("/v1/problems/" + id).then().statusCode(200)
                .body("status", equalTo("rejected")).body("reason", equalTo(reason));
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
