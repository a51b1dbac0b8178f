package io.thinkmeter.sink;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.thinkmeter.testkit.Await;
import org.junit.jupiter.api.Test;

import java.time.Duration;

/**
 * The sink service against a real broker and a real PostgreSQL: ready once both answer and its consumer
 * has partitions; it stores what arrives and says so in its metrics.
 */
@QuarkusTest
@WithTestResource(SinkServiceResource.class)
class SinkServiceTest {

    @Test
    void shouldBecomeReadyStoreResultsAndCountThem() throws Exception {
        given().get("/q/health/live").then().statusCode(200).body("status", equalTo("UP"));
        awaitReady(Duration.ofMinutes(1));
        given().get("/q/health/ready").then()
                .body("checks.find { it.name == 'sink' }.data.postgresql", equalTo("answers"))
                .body("checks.find { it.name == 'sink' }.data.partitions-assigned", equalTo(true));

        SinkServiceResource.harness.produce(SinkRecords.requestsAndResults("svc", 5));
        SinkServiceResource.harness.awaitCount("SELECT count(*) FROM results", 5, Duration.ofMinutes(1));

        given().get("/q/metrics").then().statusCode(200)
                .body(containsString("thinkmeter_sink_results_stored_total 5.0"))
                .body(containsString("thinkmeter_sink_write_seconds_count"))
                .body(containsString("thinkmeter_sink_dead_letters_total 0.0"))
                // five results of 12 prompt and 49 generated tokens each, at the seeded illustrative USD price
                .body(containsString("thinkmeter_sink_spend_tokens_total{kind=\"generated\",model=\"tiny-reasoner\",tenant=\"acme\"} 245.0"))
                .body(containsString("thinkmeter_sink_spend_tokens_total{kind=\"prompt\",model=\"tiny-reasoner\",tenant=\"acme\"} 60.0"))
                .body(containsString("thinkmeter_sink_spend_cost_total{currency=\"USD\",model=\"tiny-reasoner\",tenant=\"acme\"}"))
                .body(containsString("kafka_consumer_fetch_manager_records_lag_max"));
    }

    private static void awaitReady(Duration patience) throws InterruptedException {
        assertTrue(Await.until(() -> given().get("/q/health/ready").statusCode() == 200, patience),
                given().get("/q/health/ready").asString());
    }
}
