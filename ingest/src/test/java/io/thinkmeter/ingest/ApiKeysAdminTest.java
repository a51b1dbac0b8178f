package io.thinkmeter.ingest;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import org.junit.jupiter.api.Test;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.startsWith;

/** The operator's API keys of a tenant: created (shown once), usable, budgeted on their own, revoked. */
@QuarkusTest
@WithTestResource(IngestTestResources.class)
class ApiKeysAdminTest {

    private static RequestSpecification operator() {
        return given().header("X-Admin-Key", IngestTestResources.ADMIN_KEY).contentType(ContentType.JSON);
    }

    @Test
    void shouldCreateASecondKeyThatWorksHasBudgetsOfItsOwnAndStopsWorkingOnceRevoked() {
        Api.Tenant tenant = Api.newTenant("keys");
        var created = operator().body("{\"label\": \"nightly jobs\"}")
                .post("/v1/tenants/" + tenant.id() + "/api-keys")
                .then().statusCode(201)
                .body("tenant", equalTo(tenant.id()))
                .body("label", equalTo("nightly jobs"))
                .body("id", startsWith("key_"))
                .body("api_key", startsWith("tm_"))
                .extract();
        String keyId = created.path("id");
        String secret = created.path("api_key");

        given().header("Authorization", "Bearer " + secret).get("/v1/budgets").then().statusCode(200);
        operator().body("{\"day\": 500}").put("/v1/tenants/" + tenant.id() + "/api-keys/" + keyId + "/budgets")
                .then().statusCode(200)
                .body("api_keys.key_id", hasItem(keyId));

        operator().delete("/v1/tenants/" + tenant.id() + "/api-keys/" + keyId).then().statusCode(204);
        given().header("Authorization", "Bearer " + secret).get("/v1/budgets").then().statusCode(401);
        operator().delete("/v1/tenants/" + tenant.id() + "/api-keys/" + keyId).then().statusCode(404);
        given().header("Authorization", "Bearer " + tenant.key()).get("/v1/budgets").then().statusCode(200);
    }

    @Test
    void shouldCreateAKeyWithoutABodyAndRefuseBadOnesUnknownTenantsAndOtherTenantsKeys() {
        Api.Tenant tenant = Api.newTenant("keys");
        Api.Tenant other = Api.newTenant("keys");
        operator().post("/v1/tenants/" + tenant.id() + "/api-keys").then().statusCode(201);
        operator().body("{\"label\": 7, \"scope\": \"all\"}").post("/v1/tenants/" + tenant.id() + "/api-keys")
                .then().statusCode(400)
                .body("problems", hasItem(containsString("scope")))
                .body("problems", hasItem(containsString("label")));
        operator().post("/v1/tenants/nobody-here/api-keys").then().statusCode(404);
        given().contentType(ContentType.JSON).post("/v1/tenants/" + tenant.id() + "/api-keys").then().statusCode(401);
        // a tenant's key cannot be revoked through another tenant
        operator().delete("/v1/tenants/" + other.id() + "/api-keys/" + tenant.keyId()).then().statusCode(404);
        given().header("Authorization", "Bearer " + tenant.key()).get("/v1/budgets").then().statusCode(200);
    }
}
