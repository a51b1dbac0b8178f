package io.thinkmeter.ingest;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.startsWith;

@QuarkusTest
@WithTestResource(IngestTestResources.class)
class OperationsEndpointsTest {

    @Test
    void shouldReportReadyWhenKafkaAndPostgresAnswer() {
        given().get("/q/health/ready")
                .then().statusCode(200)
                .body("status", equalTo("UP"))
                .body("checks.name", hasItem("kafka"))
                // these tests run no pipeline, so they turn its check off; it still says so
                .body("checks.find { it.name == 'pipeline' }.data.checked", startsWith("no:"));
    }

    @Test
    void shouldCountAcceptedAndRejectedRequests() {
        Api.Tenant tenant = Api.newTenant("metrics");
        tenant.call().contentType("application/json")
                .body("{\"problem\": \"Compute 2 + 2.\", \"budget\": 64, \"method\": \"none\"}")
                .post("/v1/problems").then().statusCode(202);
        tenant.call().contentType("application/json").body("{\"problem\": \"Compute 2 + 2.\"}")
                .post("/v1/problems").then().statusCode(400);

        given().get("/q/metrics")
                .then().statusCode(200)
                .body(containsString("thinkmeter_ingest_requests_accepted_total"))
                .body(containsString("thinkmeter_ingest_requests_rejected_total"))
                .body(containsString("thinkmeter_ingest_rejections_total{reason=\"the problem is invalid\"}"))
                .body(containsString("thinkmeter_ingest_batches_accepted_total"));
    }
}
