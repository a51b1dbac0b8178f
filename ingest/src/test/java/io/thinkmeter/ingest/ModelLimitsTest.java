package io.thinkmeter.ingest;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.thinkmeter.contracts.ProblemRequest;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;

import static org.hamcrest.Matchers.contains;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * The served model's limits (the tests set max-budget 4096 and max-problem-chars 2000): a request
 * over them is refused at once, naming the value and the limit, instead of ending as an error result.
 */
@QuarkusTest
@WithTestResource(IngestTestResources.class)
class ModelLimitsTest {

    private static final String BUDGET_OVER = "budget 1000000 exceeds 4096, the most the served model's context leaves"
            + " after its prompt (thinkmeter.ingest.max-budget)";
    @RegisterExtension
    static final SubmittedTopic topic = new SubmittedTopic();

    @Test
    void shouldRefuseABudgetTheModelsContextCannotHold() {
        Api.Tenant tenant = Api.newTenant("budget");
        Map<TopicPartition, Long> before = topic.mark();
        tenant.call().contentType(ContentType.JSON)
                .body("{\"problem\": \"Compute 2 + 2.\", \"budget\": 1000000, \"method\": \"none\"}")
                .post("/v1/problems")
                .then().statusCode(400).body("problems", contains(BUDGET_OVER));
        tenant.call().contentType(BatchResource.NDJSON)
                .body("{\"custom_id\": \"a\", \"body\": {\"messages\": [{\"role\": \"user\", \"content\": \"x\"}], "
                        + "\"max_completion_tokens\": 1000000}}\n")
                .post("/v1/problems/batch")
                .then().statusCode(400).body("problems", contains("line 1: " + BUDGET_OVER));
        tenant.call().contentType(BatchResource.NDJSON).body("{\"problem\": \"x\"}\n")
                .post("/v1/problems/batch?budget=1000000&method=none")
                .then().statusCode(400).body("problems", contains("query parameter " + BUDGET_OVER));
        // at the limit is fine
        tenant.call().contentType(ContentType.JSON)
                .body("{\"problem\": \"Compute 2 + 2.\", \"budget\": 4096, \"method\": \"none\"}")
                .post("/v1/problems").then().statusCode(202);
        assertEquals(List.of(4096), topic.since(before).stream().map(s -> s.request().budget()).toList());
    }

    @Test
    void shouldRefuseAProblemLongerThanTheModelCanTake() {
        Api.Tenant tenant = Api.newTenant("long");
        tenant.call().contentType(ContentType.JSON)
                .body("{\"problem\": \"" + "x".repeat(2001) + "\", \"budget\": 64, \"method\": \"none\"}")
                .post("/v1/problems")
                .then().statusCode(400).body("problems", contains("problem has 2001 characters, more than 2000, the"
                        + " longest the served model can take (thinkmeter.ingest.max-problem-chars)"));
        // over the contract's own limit: its rule speaks, once
        tenant.call().contentType(ContentType.JSON)
                .body("{\"problem\": \"" + "x".repeat(20_001) + "\", \"budget\": 64, \"method\": \"none\"}")
                .post("/v1/problems")
                .then().statusCode(400).body("problems", contains("problem must be at most 20000 characters, was 20001"));
    }

    @Test
    void withoutLimitsOnlyTheContractsOwnApply() {
        ProblemRequest r = ProblemParser.parse("{\"problem\": \"" + "x".repeat(19_000) + "\", \"budget\": 1000000, "
                + "\"method\": \"none\"}", "t1", "p1", ModelLimits.NONE, Instant.now());
        assertEquals(1_000_000, r.budget());
        assertThrows(ApiException.class, () -> ProblemParser.parse("{\"problem\": \"x\", \"budget\": 500, "
                + "\"method\": \"none\"}", "t1", "p1", new ModelLimits(OptionalInt.of(480), OptionalInt.empty()),
                Instant.now()));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new ModelLimits(OptionalInt.of(0), OptionalInt.empty()));
        assertEquals("thinkmeter.ingest.max-budget must be at least 1 (or unset), was 0", e.getMessage());
    }
}
