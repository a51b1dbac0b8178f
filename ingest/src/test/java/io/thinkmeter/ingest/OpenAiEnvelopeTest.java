package io.thinkmeter.ingest;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.Test;

import java.util.List;

/** OpenAI's error envelope on every OpenAI path (and only there), and {@code GET /v1/models}. */
@QuarkusTest
@WithTestResource(IngestTestResources.class)
class OpenAiEnvelopeTest {

    @Test
    void shouldAnswer401InOpenAisEnvelopeOnEveryOpenAiPath() {
        for (String path : List.of("/v1/models", "/v1/models/tiny-reasoner")) {
            given().get(path).then().statusCode(401)
                    .body("error.type", equalTo("invalid_request_error"))
                    .body("error.code", equalTo("invalid_api_key"))
                    .body("error.param", nullValue())
                    .body("error.message", equalTo("not authorised: the Authorization header is missing: send "
                            + "'Authorization: Bearer <api key>'"))
                    .body("$", not(hasKey("problems")));
        }
        given().header("Authorization", "Bearer tm_wrong").contentType(ContentType.JSON)
                .body("{\"messages\": [{\"role\": \"user\", \"content\": \"hi\"}]}")
                .post("/v1/chat/completions")
                .then().statusCode(401)
                .body("error.code", equalTo("invalid_api_key"))
                .body("error.message", equalTo("not authorised: the API key is unknown or revoked"));
    }

    @Test
    void shouldAnswer404InOpenAisEnvelopeOnEveryOpenAiPath() {
        Api.Tenant tenant = Api.newTenant("envelope");
        for (String path : List.of("/v1/chat/nothing", "/v1/files/f/x/y", "/v1/batches/b/x/y", "/v1/models/a/b")) {
            tenant.call().get(path).then().statusCode(404)
                    .body("error.type", equalTo("invalid_request_error"))
                    .body("error.message", equalTo("not found: Invalid URL (GET " + path + ")"))
                    .body("error.code", nullValue());
        }
        tenant.call().get("/v1/models/gpt-4o").then().statusCode(404)
                .body("error.type", equalTo("invalid_request_error"))
                .body("error.param", equalTo("model"))
                .body("error.code", equalTo("model_not_found"));
    }

    @Test
    void shouldAnswer400And405And415InOpenAisEnvelope() {
        Api.Tenant tenant = Api.newTenant("envelope400");
        tenant.call().contentType(ContentType.JSON).body("{\"messages\": [{\"role\": \"user\", \"content\": \"hi\"}], "
                        + "\"temperature\": \"hot\"}")
                .post("/v1/chat/completions")
                .then().statusCode(400)
                .body("error.type", equalTo("invalid_request_error"))
                .body("error.param", equalTo("temperature"))
                .body("error.message", equalTo("the chat completion request is invalid; nothing was submitted: "
                        + "temperature must be a number, was \"hot\""));
        tenant.call().get("/v1/chat/completions").then().statusCode(405).body("error.type", equalTo("invalid_request_error"));
        tenant.call().contentType(ContentType.TEXT).body("hi").post("/v1/chat/completions")
                .then().statusCode(415).body("error.type", equalTo("invalid_request_error"));
    }

    @Test
    void shouldKeepOurOwnShapeOnOurOwnEndpoints() {
        given().get("/v1/problems/x").then().statusCode(401)
                .body("error", equalTo("not authorised"))
                .body("problems[0]", equalTo("the Authorization header is missing: send 'Authorization: Bearer <api key>'"));
        Api.newTenant("ours").call().get("/v1/nothing").then().statusCode(404).body("error", equalTo("not found"));
    }

    @Test
    void shouldListTheServedModels() {
        Api.Tenant tenant = Api.newTenant("models");
        tenant.call().get("/v1/models").then().statusCode(200)
                .body("object", equalTo("list"))
                .body("data.id", containsInAnyOrder("tiny-reasoner", "tiny-reasoner-tldr"))
                .body("data.object", containsInAnyOrder("model", "model"))
                .body("data.owned_by", containsInAnyOrder("thinkmeter", "thinkmeter"));
        tenant.call().get("/v1/models/tiny-reasoner-tldr").then().statusCode(200)
                .body("id", equalTo("tiny-reasoner-tldr"))
                .body("object", equalTo("model"))
                .body("owned_by", equalTo("thinkmeter"))
                .body("created", org.hamcrest.Matchers.greaterThan(1_600_000_000));
    }
}
