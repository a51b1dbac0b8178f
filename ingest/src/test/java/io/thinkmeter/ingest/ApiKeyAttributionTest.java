package io.thinkmeter.ingest;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.thinkmeter.contracts.ProblemRequest;
import io.thinkmeter.storage.ApiKeys;
import jakarta.inject.Inject;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import javax.sql.DataSource;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Every request ingest publishes names the API key that sent it (its id, never the secret), so its spend is
 * charged to that key as well as to its tenant. A tenant with two keys shows it is the calling key, not the
 * tenant's first. (An OpenAI batch's requests carry the key that created the batch: {@link OpenAiBatchesTest}.)
 */
@QuarkusTest
@WithTestResource(IngestTestResources.class)
class ApiKeyAttributionTest {

    @RegisterExtension
    static final SubmittedTopic topic = new SubmittedTopic();

    @Inject
    ApiKeys apiKeys;

    @Inject
    DataSource dataSource;

    private Api.Tenant secondKeyOf(Api.Tenant tenant) {
        ApiKeys.CreatedKey second = apiKeys.create(tenant.id(), "second key");
        return new Api.Tenant(tenant.id(), second.key(), second.id());
    }

    @Test
    void aSingleProblemCarriesTheKeyThatSentIt() {
        Api.Tenant first = Api.newTenant("attr-single");
        Api.Tenant second = secondKeyOf(first);
        Map<TopicPartition, Long> before = topic.mark();
        String one = first.call().contentType(ContentType.JSON)
                .body("{\"problem\": \"Compute 1 + 1.\", \"budget\": 32, \"method\": \"none\"}")
                .post("/v1/problems").then().statusCode(202).extract().path("id");
        String two = second.call().contentType(ContentType.JSON)
                .body("{\"problem\": \"Compute 2 + 2.\", \"budget\": 32, \"method\": \"none\"}")
                .post("/v1/problems").then().statusCode(202).extract().path("id");

        Map<String, String> keyOf = keysById(topic.since(before), first.id());
        assertEquals(Map.of(one, first.keyId(), two, second.keyId()), keyOf);
    }

    @Test
    void everyRequestOfABatchCarriesTheKeyThatSentTheBatch() {
        Api.Tenant first = Api.newTenant("attr-batch");
        Api.Tenant second = secondKeyOf(first);
        Map<TopicPartition, Long> before = topic.mark();
        second.call().contentType("application/x-ndjson").body("""
                {"problem": "Compute 1 + 1.", "budget": 32, "method": "none"}
                {"custom_id": "b", "body": {"messages": [{"role": "user", "content": "Compute 2 + 2."}], "max_completion_tokens": 32}}
                """).post("/v1/problems/batch").then().statusCode(202);

        Map<String, String> keyOf = keysById(topic.since(before), first.id());
        assertEquals(2, keyOf.size());
        assertEquals(List.of(second.keyId(), second.keyId()), List.copyOf(keyOf.values()));
    }

    @Test
    void everySampleOfAChatCompletionCarriesTheKeyThatAsked() throws Exception {
        Api.Tenant first = Api.newTenant("attr-chat");
        Api.Tenant second = secondKeyOf(first);
        FakeSink sink = new FakeSink(dataSource);
        String problem = "Compute 3 + 3. (" + first.id() + ")";
        CompletableFuture<List<ProblemRequest>> answered = FakeSink.whenSubmitted(topic.mark(), problem, 2, samples -> {
            for (ProblemRequest r : samples) {
                sink.submitted(r);
                sink.answered(r, 10, 20, 3);
            }
        });
        second.call().contentType(ContentType.JSON).body("""
                {"messages": [{"role": "user", "content": "%s"}], "max_completion_tokens": 64, "n": 2, "temperature": 0.5}
                """.formatted(problem)).post("/v1/chat/completions").then().statusCode(200);

        assertEquals(List.of(second.keyId(), second.keyId()),
                answered.get(20, TimeUnit.SECONDS).stream().map(ProblemRequest::apiKeyId).toList());
    }

    private static Map<String, String> keysById(List<SubmittedRecords.Submitted> records, String tenant) {
        return records.stream().map(SubmittedRecords.Submitted::request).filter(r -> r.tenant().equals(tenant))
                .collect(java.util.stream.Collectors.toMap(ProblemRequest::id, ProblemRequest::apiKeyId));
    }
}
