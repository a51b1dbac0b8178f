package io.thinkmeter.workers.quarkus;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.thinkmeter.testkit.KafkaTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.thinkmeter.testkit.Await;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The worker service on the tiny model (and the TLDR model beside it) against a real broker, as
 * docker-compose runs it: it starts, loads its models, joins its pool's group, and serves health and metrics.
 */
@QuarkusTest
@ExtendWith(TinyModelPresent.class)
@WithTestResource(value = KafkaTestResource.class, initArgs = {
        @ResourceArg(name = "thinkmeter.worker.model-dir", value = "../models/tiny-reasoner"),
        @ResourceArg(name = "thinkmeter.worker.tldr-model-dir", value = "../models/tiny-reasoner-tldr"),
        @ResourceArg(name = "thinkmeter.worker.pool", value = "short"),
        @ResourceArg(name = "thinkmeter.worker.id", value = "worker-test-short"),
        @ResourceArg(name = "thinkmeter.worker.max-in-flight", value = "4"),
        @ResourceArg(name = "thinkmeter.worker.drain-timeout", value = "20s")})
class WorkerServiceTest {

    @Test
    void shouldBeLiveAndBecomeReadyOnceItHasItsPoolsPartitions() throws InterruptedException {
        given().get("/q/health/live").then().statusCode(200).body("status", equalTo("UP"))
                .body("checks.find { it.name == 'worker-loop' }.status", equalTo("UP"));
        boolean ready = Await.until(() -> given().get("/q/health/ready").statusCode() == 200,
                Duration.ofSeconds(60));
        assertTrue(ready, "readiness once the model is loaded, the loop runs and the group gave it partitions");
        given().get("/q/health/ready").then().body("checks.find { it.name == 'worker' }.data.pool", equalTo("short"))
                .body("checks.find { it.name == 'worker' }.data.worker", equalTo("worker-test-short"))
                .body("checks.find { it.name == 'worker' }.data.partitions-assigned", equalTo(true));
    }

    @Test
    void shouldExposeTheWorkerMetrics() {
        given().get("/q/metrics").then().statusCode(200)
                .body(containsString("thinkmeter_worker_requests_completed_total{pool=\"short\",stop_reason=\"natural\"} 0.0"))
                .body(containsString("stop_reason=\"forced_at_cap\""))
                .body(containsString("stop_reason=\"max_tokens\""))
                .body(containsString("stop_reason=\"dead_letter\""))
                .body(containsString("thinkmeter_worker_tokens_total{kind=\"thinking\",pool=\"short\"} 0.0"))
                .body(containsString("kind=\"answer\""))
                .body(containsString("kind=\"injected\""))
                .body(containsString("kind=\"prompt\""))
                .body(containsString("thinkmeter_worker_requests_in_flight{pool=\"short\"} 0.0"))
                .body(containsString("thinkmeter_worker_decode_seconds_count{pool=\"short\"} 0"))
                .body(containsString("kafka_consumer_fetch_manager_records_lag_max"));
    }
}
