package io.thinkmeter.ingest;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.restassured.RestAssured;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * What ingest refuses as input, and that each refusal is one clear JSON 4xx naming the field: text
 * PostgreSQL cannot hold, bytes that are not UTF-8, keys given twice, values of the wrong type.
 */
@QuarkusTest
@WithTestResource(IngestTestResources.class)
class StrictInputTest {

    private static final String NUL_RULE = "must not contain U+0000 (PostgreSQL text cannot hold it)";
    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    @RegisterExtension
    static final SubmittedTopic topic = new SubmittedTopic();

    @Test
    void shouldRefuseUPlus0000InEveryFieldNamingIt() {
        Api.Tenant tenant = Api.newTenant("nul");
        Map<TopicPartition, Long> before = topic.mark();

        tenant.call().contentType(ContentType.JSON)
                .body("{\"problem\": \"Compute 2 + 2.\", \"budget\": 64, \"method\": \"none\", \"client_id\": \"q\\u0000\"}")
                .post("/v1/problems")
                .then().statusCode(400).contentType(ContentType.JSON)
                .body("problems", contains("client_id " + NUL_RULE));
        tenant.call().contentType(ContentType.JSON)
                .body("{\"problem\": \"Compute\\u0000 2 + 2.\", \"budget\": 64, \"method\": \"none\"}")
                .post("/v1/problems")
                .then().statusCode(400).body("problems", contains("problem " + NUL_RULE));
        tenant.call().contentType(BatchResource.NDJSON)
                .body("{\"problem\": \"Compute 1 + 1.\", \"budget\": 64, \"method\": \"none\"}\n"
                        + "{\"custom_id\": \"a\\u0000\", \"body\": {\"model\": \"m\\u0000\", \"messages\": [{\"role\": "
                        + "\"user\", \"content\": \"hi\\u0000\"}], \"max_tokens\": 9}}\n")
                .post("/v1/problems/batch")
                .then().statusCode(400)
                .body("problems", contains("line 2: custom_id " + NUL_RULE, "line 2: body.model " + NUL_RULE,
                        "line 2: body.messages[0].content " + NUL_RULE));
        given().header("X-Admin-Key", IngestTestResources.ADMIN_KEY).contentType(ContentType.JSON)
                .body("{\"id\": \"acme\\u0000\", \"name\": \"Acme\\u0000\"}")
                .post("/v1/tenants")
                .then().statusCode(400).body("problems", contains("id " + NUL_RULE, "name " + NUL_RULE));

        assertEquals(List.of(), topic.since(before));
    }

    @Test
    void shouldRefuseBytesThatAreNotUtf8WithTheirOffset() {
        Api.Tenant tenant = Api.newTenant("utf8");
        Map<TopicPartition, Long> before = topic.mark();
        byte[] body = bytes("{\"problem\": \"Compute ", new byte[] {(byte) 0xC3, (byte) 0x28},
                " 2.\", \"budget\": 64, \"method\": \"none\"}");

        tenant.call().contentType(ContentType.JSON).body(body).post("/v1/problems")
                .then().statusCode(400).contentType(ContentType.JSON)
                .body("problems", contains("the body is not valid UTF-8 (invalid byte at offset 21)"));
        tenant.call().contentType(BatchResource.NDJSON).body(bytes("{}\n", new byte[] {(byte) 0xFF}, "\n"))
                .post("/v1/problems/batch")
                .then().statusCode(400).body("problems", contains("the body is not valid UTF-8 (invalid byte at offset 3)"));
        // valid UTF-8 beyond ASCII goes through untouched
        tenant.call().contentType(ContentType.JSON)
                .body("{\"problem\": \"Calculez 2 × 3 ≠ 5 🤔\", \"budget\": 64, \"method\": \"none\"}"
                        .getBytes(StandardCharsets.UTF_8))
                .post("/v1/problems").then().statusCode(202);

        assertEquals(List.of("Calculez 2 × 3 ≠ 5 🤔"),
                topic.since(before).stream().map(s -> s.request().problem()).toList());
    }

    @Test
    void shouldRefuseAKeyGivenTwiceNamingIt() {
        Api.Tenant tenant = Api.newTenant("dupkey");
        tenant.call().contentType(ContentType.JSON)
                .body("{\"problem\": \"Compute 2 + 2.\", \"budget\": 64, \"method\": \"none\", \"budget\": 9000}")
                .post("/v1/problems")
                .then().statusCode(400).body("problems", hasSize(1))
                .body("problems[0]", containsString("Duplicate field 'budget'"));
        tenant.call().contentType(BatchResource.NDJSON)
                .body("{\"custom_id\": \"a\", \"body\": {\"messages\": [], \"messages\": [{\"role\": \"user\", "
                        + "\"content\": \"x\"}], \"max_tokens\": 9}}\n")
                .post("/v1/problems/batch")
                .then().statusCode(400).body("problems[0]", containsString("Duplicate field 'messages'"));
    }

    @Test
    void shouldSayOnceWhatIsWrongWithAValueOfTheWrongType() {
        Api.Tenant tenant = Api.newTenant("types");
        tenant.call().contentType(ContentType.JSON)
                .body("{\"problem\": \"Compute 2 + 2.\", \"budget\": 48.0, \"method\": \"none\", \"answer_reserve\": 8}")
                .post("/v1/problems")
                .then().statusCode(400)
                .body("problems", contains("budget must be a whole number of tokens, 1 to 1000000, was 48.0"));
        tenant.call().contentType(ContentType.JSON)
                .body("{\"problem\": 5, \"budget\": 64, \"method\": [\"ts\"], \"stop_temperature\": 2.0}")
                .post("/v1/problems")
                .then().statusCode(400)
                .body("problems", contains("problem must be a string, was 5", "method must be a string, was [\"ts\"]"));
        // in a batch, a budget given wrongly is not silently replaced by the batch's default
        tenant.call().contentType(BatchResource.NDJSON)
                .body("{\"problem\": \"x\", \"budget\": \"96\"}\n"
                        + "{\"custom_id\": \"o\", \"body\": {\"messages\": [{\"role\": \"user\", \"content\": 7}], "
                        + "\"max_completion_tokens\": 1.5}}\n")
                .post("/v1/problems/batch?budget=64&method=none")
                .then().statusCode(400)
                .body("problems", contains("line 1: budget must be a whole number of tokens, 1 to 1000000, was \"96\"",
                        "line 2: body.messages[0].content must be a string or an array of text parts, was 7",
                        "line 2: body.max_completion_tokens must be a whole number of tokens, 1 to 1000000, was 1.5"));
    }

    @Test
    void shouldAnswerUnstorableOrOverlongPathIdsAsUnknownWithoutAskingPostgres() {
        Api.Tenant tenant = Api.newTenant("paths");
        tenant.call().urlEncodingEnabled(false).get("/v1/problems/%00")
                .then().statusCode(404).contentType(ContentType.JSON)
                .body("error", equalTo("not found"))
                .body("problems", contains("no problem '\u0000' for this API key's tenant"));
        tenant.call().urlEncodingEnabled(false).get("/v1/problems/a%0Ab").then().statusCode(404);
        String longId = "x".repeat(PathIds.MAX_CHARS + 1);
        tenant.call().get("/v1/problems/" + longId).then().statusCode(404)
                .body("problems[0]", containsString("(257 characters)"));
        for (String path : List.of("", "/results", "/results.jsonl")) {
            tenant.call().urlEncodingEnabled(false).get("/v1/problems/batch/%00%01" + path)
                    .then().statusCode(404).contentType(ContentType.JSON)
                    .body("problems", contains("no batch '\u0000\u0001' for this API key's tenant"));
            tenant.call().get("/v1/problems/batch/" + longId + path).then().statusCode(404);
        }
    }

    @Test
    void shouldAnswerTheHttpLayersOwnLimitsInJson() {
        Api.Tenant tenant = Api.newTenant("http");
        // over ingest's 8 KiB, and over Vert.x's default 4 KiB that answered a bare 414 before
        tenant.call().get("/v1/problems/" + "a".repeat(20_000))
                .then().statusCode(414).contentType(ContentType.JSON)
                .body("error", equalTo("the request URI is too long"))
                .body("problems[0]", containsString("at most 8192"));
        tenant.call().header("X-Padding", "p".repeat(40_000)).get("/v1/problems/batch/whatever")
                .then().statusCode(431).contentType(ContentType.JSON)
                .body("error", equalTo("the request headers are too large"));
        // the tests' body limit is 1 MiB
        byte[] large = "{\"problem\": \"x\", \"budget\": 9, \"method\": \"none\"}\n".repeat(30_000)
                .getBytes(StandardCharsets.UTF_8);
        tenant.call().contentType(BatchResource.NDJSON).body(large).post("/v1/problems/batch")
                .then().statusCode(413).contentType(ContentType.JSON)
                .body("error", equalTo("the body is too large; nothing was submitted"))
                .body("problems[0]", containsString("at most 1048576 bytes"));
        // sent without a length (chunked), the body can only be judged as it arrives: the same JSON 413
        HttpResponse<String> chunked = send(HttpRequest.newBuilder(uri("/v1/problems/batch"))
                .header("Authorization", "Bearer " + tenant.key())
                .header("Content-Type", BatchResource.NDJSON)
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(large))));
        assertEquals(413, chunked.statusCode(), chunked.body());
        assertTrue(chunked.body().contains("at most 1048576 bytes"), chunked.body());
    }

    @Test
    void shouldRefuseAProblemLabelledAsAnythingButJson() {
        Api.Tenant tenant = Api.newTenant("ctype");
        String problem = "{\"problem\": \"Compute 2 + 2.\", \"budget\": 64, \"method\": \"none\"}";
        tenant.call().contentType(ContentType.TEXT).body(problem).post("/v1/problems")
                .then().statusCode(415).contentType(ContentType.JSON)
                .body("problems", not(hasItem(containsString("Exception"))));
        // no label at all is no claim to be something else: it is read as the JSON it has to be
        HttpResponse<String> unlabelled = send(HttpRequest.newBuilder(uri("/v1/problems"))
                .header("Authorization", "Bearer " + tenant.key())
                .POST(HttpRequest.BodyPublishers.ofString(problem)));
        assertEquals(202, unlabelled.statusCode(), unlabelled.body());
    }

    private static URI uri(String path) {
        return URI.create("http://localhost:" + RestAssured.port + path);
    }

    private static HttpResponse<String> send(HttpRequest.Builder request) {
        try {
            return HTTP.send(request.timeout(Duration.ofSeconds(20)).build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static byte[] bytes(String before, byte[] middle, String after) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(before.getBytes(StandardCharsets.UTF_8));
        out.writeBytes(middle);
        out.writeBytes(after.getBytes(StandardCharsets.UTF_8));
        return out.toByteArray();
    }
}
