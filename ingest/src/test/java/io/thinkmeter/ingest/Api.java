package io.thinkmeter.ingest;

import io.restassured.config.EncoderConfig;
import io.restassured.config.RestAssuredConfig;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;

import java.util.UUID;

import static io.restassured.RestAssured.given;

/** Calls the running service as a tenant or as the operator. */
final class Api {

    /** A tenant created through the API, with its key. */
    record Tenant(String id, String key, String keyId) {
        RequestSpecification call() {
            return given().config(JSONL_AS_TEXT).header("Authorization", "Bearer " + key);
        }
    }

    /** rest-assured only encodes content types it knows; JSONL is text. */
    private static final RestAssuredConfig JSONL_AS_TEXT = RestAssuredConfig.config().encoderConfig(
            EncoderConfig.encoderConfig().encodeContentTypeAs("application/x-ndjson", ContentType.TEXT));

    private Api() {}

    /** A fresh tenant with a unique id, so test classes never see each other's data. */
    static Tenant newTenant(String prefix) {
        String id = prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
        var response = given().header("X-Admin-Key", IngestTestResources.ADMIN_KEY)
                .contentType(ContentType.JSON)
                .body("{\"id\": \"" + id + "\", \"name\": \"Tenant " + id + "\"}")
                .post("/v1/tenants")
                .then().statusCode(201)
                .extract();
        return new Tenant(id, response.path("api_key"), response.path("key_id"));
    }
}
