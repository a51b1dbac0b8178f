package io.thinkmeter.ingest;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import org.junit.jupiter.api.Test;

import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.startsWith;

/** {@code PUT /v1/admin/prices}: created, unchanged, conflict; exact decimals; the operator's only. */
@QuarkusTest
@WithTestResource(IngestTestResources.class)
class PricesAdminTest {

    private static RequestSpecification operator() {
        return given().header("X-Admin-Key", IngestTestResources.ADMIN_KEY).contentType(ContentType.JSON);
    }

    @Test
    void shouldAddAPriceOnceAndRefuseToChangeIt() {
        String model = "priced-" + UUID.randomUUID().toString().substring(0, 8);
        // more digits than a double keeps: the price must come back exactly as sent
        String body = """
                {"model": "%s", "input_per_million": 12345678.123456789012, "output_per_million": "0.40",
                 "currency": "EUR", "valid_from": "2026-12-01"}""".formatted(model);
        operator().body(body).put("/v1/admin/prices")
                .then().statusCode(201)
                .body("model", equalTo(model))
                .body("valid_from", equalTo("2026-12-01"))
                .body("input_per_million", equalTo("12345678.123456789012"))
                .body("output_per_million", equalTo("0.40"))
                .body("currency", equalTo("EUR"));
        operator().body(body).put("/v1/admin/prices").then().statusCode(200)
                .body("input_per_million", equalTo("12345678.123456789012"));
        operator().body(body.replace("\"0.40\"", "0.5")).put("/v1/admin/prices")
                .then().statusCode(409)
                .body("error", equalTo("prices are history: add a new valid_from"))
                .body("problems[0]", startsWith(model + " from 2026-12-01 is priced 12345678.123456789012 in / 0.40 out"));
        operator().body(body.replace("2026-12-01", "2027-01-01").replace("\"0.40\"", "0.5")).put("/v1/admin/prices")
                .then().statusCode(201);

        operator().get("/v1/admin/prices").then().statusCode(200)
                .body("prices.findAll { it.model == '" + model + "' }.valid_from",
                        containsInAnyOrder("2026-12-01", "2027-01-01"))
                .body("prices.findAll { it.model == '" + model + "' }.output_per_million",
                        containsInAnyOrder("0.40", "0.5"))
                .body("prices.model", hasItem("tiny-reasoner"));
    }

    @Test
    void shouldListEveryProblemOfABadPrice() {
        operator().body("""
                {"model": " ", "input_per_million": -1, "output_per_million": "lots", "currency": "euro",
                 "valid_from": "01/12/2026", "discount": 5}""")
                .put("/v1/admin/prices")
                .then().statusCode(400)
                .body("problems", containsInAnyOrder(
                        "unknown field 'discount'; the fields are model, input_per_million, output_per_million, "
                                + "currency, valid_from",
                        "model must be 1 to 256 characters, not blank (the name results carry)",
                        "input_per_million must be 0 to 1000000000, was -1",
                        "output_per_million must be an exact decimal amount, 0 or more, such as 0.15 or \"0.15\", "
                                + "was \"lots\"",
                        "currency must be three upper-case letters, such as USD or EUR, was 'euro'",
                        "valid_from must be a date such as 2026-12-01, was '01/12/2026'"));
        operator().body("{}").put("/v1/admin/prices").then().statusCode(400)
                .body("problems", hasItem("valid_from is required: the first UTC day the price applies to, such as "
                        + "2026-12-01"))
                .body("problems", hasItem("input_per_million is required"));
    }

    @Test
    void shouldBeTheOperatorsOnly() {
        Api.Tenant tenant = Api.newTenant("not-operator");
        tenant.call().get("/v1/admin/prices").then().statusCode(401);
        given().contentType(ContentType.JSON).body("{}").put("/v1/admin/prices").then().statusCode(401);
    }
}
