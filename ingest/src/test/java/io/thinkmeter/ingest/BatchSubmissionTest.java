package io.thinkmeter.ingest;

import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.thinkmeter.contracts.BatchAccepted;
import io.thinkmeter.contracts.Level;
import io.thinkmeter.contracts.Method;
import io.thinkmeter.contracts.ProblemRequest;
import io.thinkmeter.contracts.SamplingOptions;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

@QuarkusTest
@WithTestResource(IngestTestResources.class)
class BatchSubmissionTest {

    private static final String NDJSON = "application/x-ndjson";
    private static SubmittedRecords topic;
    private static AcceptedBatches batches;

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
    void shouldProduceOurFormatInInputOrderWithDefaultsFilledIn() {
        Api.Tenant tenant = Api.newTenant("ours");
        Map<TopicPartition, Long> before = topic.mark();
        Map<TopicPartition, Long> batchesBefore = batches.mark();
        String body = """
                {"problem": "Compute 1 + 1.", "method": "ts", "stop_temperature": 1.5, "client_id": "a"}

                {"problem": "Compute 2 + 2.", "budget": 200, "client_id": "b"}
                   \r
                {"problem": "Compute 3 + 3.", "budget": 300, "method": "tldr", "level": "long", "client_id": "c", "priority": 2}
                """;

        String batchId = tenant.call().contentType(NDJSON).body(body)
                .post("/v1/problems/batch?budget=64&method=budget-forcing")
                .then().statusCode(202)
                .body("requests", equalTo(3))
                .extract().path("batch_id");

        List<ProblemRequest> produced = inSequenceOrder(topic.since(before));
        assertEquals(3, produced.size());
        assertEquals(List.of(0, 1, 2), produced.stream().map(ProblemRequest::sequence).toList());
        assertEquals(List.of("a", "b", "c"), produced.stream().map(ProblemRequest::clientId).toList());
        assertEquals(List.of("Compute 1 + 1.", "Compute 2 + 2.", "Compute 3 + 3."),
                produced.stream().map(ProblemRequest::problem).toList());
        assertEquals(List.of(64, 200, 300), produced.stream().map(ProblemRequest::budget).toList());
        assertEquals(List.of(Method.TS, Method.BUDGET_FORCING, Method.TLDR),
                produced.stream().map(ProblemRequest::method).toList());
        assertEquals(2, produced.get(2).priority());
        for (ProblemRequest r : produced) {
            assertEquals(batchId, r.batch());
            assertEquals(tenant.id(), r.tenant());
        }
        assertEquals(3, produced.stream().map(ProblemRequest::id).distinct().count(), "each request its own id");
        assertEquals("thinkmeter 3 " + tenant.id(), onlyBatch(batchesBefore, batchId));
    }

    @Test
    void shouldMapOpenAiBatchLines() {
        Api.Tenant tenant = Api.newTenant("openai");
        Map<TopicPartition, Long> before = topic.mark();
        Map<TopicPartition, Long> batchesBefore = batches.mark();
        String body = """
                {"custom_id": "req-1", "method": "POST", "url": "/v1/chat/completions", "body": {"model": "o4-mini", "messages": [{"role": "user", "content": "Compute 478 + 356."}], "max_completion_tokens": 256, "reasoning_effort": "high"}}
                {"custom_id": "req-2", "method": "POST", "url": "/v1/chat/completions", "body": {"model": "gpt-4o", "messages": [{"role": "user", "content": [{"type": "text", "text": "Solve for x:"}, {"type": "text", "text": "7x - 5 = 3x + 19."}]}], "max_tokens": 128, "temperature": 0.5, "seed": 7}}
                {"custom_id": "req-3", "method": "POST", "url": "/v1/chat/completions", "body": {"messages": [{"role": "user", "content": "Compute 9 * 9."}, {"role": "assistant", "content": "81"}, {"role": "user", "content": "Check it."}], "max_completion_tokens": 64, "reasoning_effort": "low"}}
                """;

        String batchId = tenant.call().contentType(NDJSON).body(body).post("/v1/problems/batch")
                .then().statusCode(202).body("requests", equalTo(3))
                .extract().path("batch_id");

        List<ProblemRequest> produced = inSequenceOrder(topic.since(before));
        assertEquals(List.of("req-1", "req-2", "req-3"), produced.stream().map(ProblemRequest::clientId).toList());
        ProblemRequest first = produced.get(0);
        assertEquals("Compute 478 + 356.", first.problem());
        assertEquals(256, first.budget());
        assertEquals(Method.TLDR, first.method());
        assertEquals(Level.LONG, first.level());
        ProblemRequest second = produced.get(1);
        assertEquals("Solve for x:\n7x - 5 = 3x + 19.", second.problem());
        assertEquals(128, second.budget());
        assertEquals(Method.BUDGET_FORCING, second.method());
        assertNull(second.level());
        assertEquals(new SamplingOptions(0.5, null, null, 7L), second.sampling());
        ProblemRequest third = produced.get(2);
        assertEquals("Check it.", third.problem(), "the last user message: the one the model answers");
        assertEquals(3, third.messages().size(), "the whole conversation goes to the worker's chat template");
        assertEquals(Level.SHORT, third.level());
        assertEquals("openai 3 " + tenant.id(), onlyBatch(batchesBefore, batchId));
    }

    @Test
    void shouldRefuseTheWholeBatchNamingEachBadLine() {
        Api.Tenant tenant = Api.newTenant("badline");
        Map<TopicPartition, Long> before = topic.mark();
        Map<TopicPartition, Long> batchesBefore = batches.mark();
        String body = """
                {"problem": "Compute 1 + 1.", "budget": 64, "method": "none", "client_id": "x"}
                {"problem": "Compute 2 + 2.", "budget": -3, "method": "none"}

                {"problem": "Compute 3 + 3.", "budget": 64, "method": "none", "client_id": "x"}
                {"custom_id": "o-1", "body": {"messages": [{"role": "user", "content": "hi"}], "reasoning_effort": "extreme"}}
                not json at all
                """;

        tenant.call().contentType(NDJSON).body(body).post("/v1/problems/batch")
                .then().statusCode(400)
                .body("error", equalTo("the batch has invalid lines; nothing was submitted"))
                .body("problems", hasSize(4))
                .body("problems", hasItems(
                        "line 2: budget must be between 1 and 1000000 tokens, was -3",
                        "line 4: client_id 'x' is already used by line 1; each line needs its own",
                        "line 5: body.reasoning_effort must be one of none, minimal, low, medium, high, was 'extreme'"))
                .body("problems", hasItem(startsWith("line 6: not valid JSON: Unrecognized token 'not'")));

        assertEquals(List.of(), topic.since(before), "nothing of a refused batch may be produced");
        assertEquals(List.of(), batches.since(batchesBefore));
    }

    @Test
    void shouldRefuseOneBadLineAmongGoodOnes() {
        Api.Tenant tenant = Api.newTenant("oneline");
        Map<TopicPartition, Long> before = topic.mark();
        String good = "{\"problem\": \"Compute 1 + 1.\", \"budget\": 64, \"method\": \"none\"}\n";
        String body = good + good + "{\"problem\": \"Compute 1 + 1.\", \"budget\": 64, \"method\": \"nap\"}\n" + good;

        tenant.call().contentType("text/plain").body(body).post("/v1/problems/batch")
                .then().statusCode(400)
                .body("problems", containsInAnyOrder(
                        "line 3: method must be one of none, budget-forcing, ts, tldr; was 'nap'"));
        assertEquals(List.of(), topic.since(before));
    }

    @Test
    void shouldRefuseEmptyOversizedAndMistypedBatches() {
        Api.Tenant tenant = Api.newTenant("limits");
        Map<TopicPartition, Long> before = topic.mark();
        String line = "{\"problem\": \"Compute 1 + 1.\", \"budget\": 64, \"method\": \"none\"}\n";

        tenant.call().contentType(NDJSON).body("\n  \n").post("/v1/problems/batch")
                .then().statusCode(400).body("error", startsWith("the batch is empty"));
        // the tests configure max-batch-lines=50
        tenant.call().contentType(NDJSON).body(line.repeat(51)).post("/v1/problems/batch")
                .then().statusCode(413).body("problems[0]", startsWith("the body has 51 non-empty lines"));
        tenant.call().contentType(ContentType.JSON).body(line).post("/v1/problems/batch")
                .then().statusCode(415).contentType(ContentType.JSON);
        tenant.call().contentType(NDJSON).body(line).post("/v1/problems/batch?budget=lots&method=nap")
                .then().statusCode(400)
                .body("problems", hasItem("query parameter budget must be a whole number, was 'lots'"));
        tenant.call().contentType(NDJSON).body(line).post("/v1/problems/batch?method=nap")
                .then().statusCode(400)
                .body("problems", hasItem("query parameter method must be one of none, budget-forcing, ts, tldr; "
                        + "was 'nap'"));

        assertEquals(List.of(), topic.since(before));
    }

    @Test
    void shouldGiveEveryLineOfALargeBatchItsSequence() {
        Api.Tenant tenant = Api.newTenant("large");
        Map<TopicPartition, Long> before = topic.mark();
        String body = IntStream.range(0, 50)
                .mapToObj(i -> "{\"problem\": \"Compute " + i + " + 1.\", \"client_id\": \"c" + i + "\"}")
                .collect(Collectors.joining("\n"));

        tenant.call().contentType(NDJSON).body(body).post("/v1/problems/batch?budget=32&method=none")
                .then().statusCode(202).body("requests", equalTo(50));

        List<ProblemRequest> produced = inSequenceOrder(topic.since(before));
        assertEquals(IntStream.range(0, 50).boxed().toList(), produced.stream().map(ProblemRequest::sequence).toList());
        for (ProblemRequest r : produced) {
            assertEquals("c" + r.sequence(), r.clientId());
        }
    }

    /** Records are keyed by request id, so partitions scatter a batch; sequence restores input order. */
    private static List<ProblemRequest> inSequenceOrder(List<SubmittedRecords.Submitted> records) {
        for (SubmittedRecords.Submitted s : records) {
            assertEquals(s.request().id(), s.key(), "every record is keyed by its request id");
        }
        return records.stream().map(SubmittedRecords.Submitted::request)
                .sorted(Comparator.comparing(ProblemRequest::sequence)).toList();
    }

    /** The one batch record committed since {@code from}: "format count tenant". */
    private static String onlyBatch(Map<TopicPartition, Long> from, String batchId) {
        List<BatchAccepted> committed = batches.since(from);
        assertEquals(1, committed.size(), committed.toString());
        BatchAccepted b = committed.get(0);
        assertEquals(batchId, b.id());
        return b.inputFormat() + " " + b.requestCount() + " " + b.tenant();
    }
}
