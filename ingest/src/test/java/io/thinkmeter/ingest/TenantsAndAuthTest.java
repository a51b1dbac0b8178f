package io.thinkmeter.ingest;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.thinkmeter.storage.ApiKeys;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.startsWith;

@QuarkusTest
@WithTestResource(IngestTestResources.class)
class TenantsAndAuthTest {

    private static final String PROBLEM = "{\"problem\": \"Compute 2 + 2.\", \"budget\": 64, \"method\": \"none\"}";

    @Inject
    ApiKeys apiKeys;

    @Test
    void shouldCreateATenantAndShowItsKeyOnce() {
        given().header("X-Admin-Key", IngestTestResources.ADMIN_KEY).contentType(ContentType.JSON)
                .body("{\"id\": \"acme-1\", \"name\": \"Acme\", \"daily_token_quota\": 50000}")
                .post("/v1/tenants")
                .then().statusCode(201)
                .body("id", equalTo("acme-1"))
                .body("name", equalTo("Acme"))
                .body("daily_token_quota", equalTo(50000))
                .body("key_id", startsWith("key_"))
                .body("api_key", startsWith(ApiKeys.KEY_PREFIX));

        given().header("X-Admin-Key", IngestTestResources.ADMIN_KEY).contentType(ContentType.JSON)
                .body("{\"id\": \"acme-1\", \"name\": \"Acme again\"}")
                .post("/v1/tenants")
                .then().statusCode(409)
                .body("problems", hasItem(containsString("'acme-1' is taken")));
    }

    @Test
    void shouldRefuseTenantCreationWithoutTheAdminKey() {
        String body = "{\"id\": \"intruder\", \"name\": \"Intruder\"}";
        given().contentType(ContentType.JSON).body(body).post("/v1/tenants")
                .then().statusCode(401).header("WWW-Authenticate", startsWith("Bearer"))
                .body("error", equalTo("not authorised"))
                .body("problems", hasItem(containsString("X-Admin-Key")));
        given().header("X-Admin-Key", "guess").contentType(ContentType.JSON).body(body).post("/v1/tenants")
                .then().statusCode(401);
    }

    @Test
    void shouldListEveryProblemOfAnInvalidTenant() {
        given().header("X-Admin-Key", IngestTestResources.ADMIN_KEY).contentType(ContentType.JSON)
                .body("{\"id\": \"no spaces!\", \"daily_token_quota\": -5, \"colour\": \"red\"}")
                .post("/v1/tenants")
                .then().statusCode(400)
                .body("problems", hasSize(4))
                .body("problems", hasItems(
                        "unknown field 'colour'; the fields are id, name, daily_token_quota",
                        "name is required",
                        "daily_token_quota must be 0 or more (leave it out for no limit), was -5"))
                .body("problems", hasItem(startsWith("id must be 1 to 64 letters")));
    }

    @Test
    void shouldRefuseCallsWithoutAValidKey() {
        given().contentType(ContentType.JSON).body(PROBLEM).post("/v1/problems")
                .then().statusCode(401).body("problems", hasItem(containsString("Authorization header is missing")));
        given().header("Authorization", "Basic dXNlcjpwYXNz").contentType(ContentType.JSON).body(PROBLEM)
                .post("/v1/problems")
                .then().statusCode(401).body("problems", hasItem(containsString("'Bearer <api key>'")));
        given().header("Authorization", "Bearer tm_not-a-key").get("/v1/problems/batch/whatever")
                .then().statusCode(401).body("problems", hasItem("the API key is unknown or revoked"));
    }

    @Test
    void shouldRefuseARevokedKey() {
        Api.Tenant tenant = Api.newTenant("revoked");
        tenant.call().contentType(ContentType.JSON).body(PROBLEM).post("/v1/problems").then().statusCode(202);

        apiKeys.revoke(tenant.keyId());

        tenant.call().contentType(ContentType.JSON).body(PROBLEM).post("/v1/problems")
                .then().statusCode(401).body("problems", hasItem("the API key is unknown or revoked"));
    }

    @Test
    void shouldTakeTheTenantFromTheKeyNeverFromTheBody() {
        Api.Tenant tenant = Api.newTenant("honest");
        tenant.call().contentType(ContentType.JSON)
                .body("{\"tenant\": \"someone-else\", \"problem\": \"Compute 2 + 2.\", \"budget\": 64, \"method\": \"none\"}")
                .post("/v1/problems")
                .then().statusCode(400)
                .body("problems", hasItem("tenant 'someone-else' is not the API key's tenant '" + tenant.id()
                        + "': the tenant comes from the key, so leave tenant out"));
        // naming one's own tenant is allowed
        tenant.call().contentType(ContentType.JSON)
                .body("{\"tenant\": \"" + tenant.id() + "\", \"problem\": \"Compute 2 + 2.\", \"budget\": 64, "
                        + "\"method\": \"none\"}")
                .post("/v1/problems")
                .then().statusCode(202);
    }

    @Test
    void shouldAnswerUnknownPathsWithTheJsonErrorShape() {
        given().get("/v1/nothing-here")
                .then().statusCode(404).contentType(ContentType.JSON).body("error", equalTo("not found"));
    }
}
