package io.thinkmeter.scheduler.service;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.thinkmeter.testkit.Await;
import io.thinkmeter.scheduler.SchedulerConfig;
import io.thinkmeter.testkit.KafkaTestResource;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.time.Duration;

/** The scheduler service against a real broker: configured by its settings, ready once Kafka Streams runs. */
@QuarkusTest
@WithTestResource(value = KafkaTestResource.class, initArgs = {
        @ResourceArg(name = "thinkmeter.scheduler.state-dir", value = KafkaTestResource.TEMP_DIR),
        @ResourceArg(name = "thinkmeter.scheduler.short-max", value = "32"),
        @ResourceArg(name = "thinkmeter.scheduler.tenant-daily-quota.acme", value = "5000")})
class SchedulerServiceTest {

    @Inject
    SchedulerSettings settings;

    @Test
    void shouldBecomeReadyOnceKafkaStreamsRunsAndExposeItsMetrics() throws InterruptedException {
        given().get("/q/health/live").then().statusCode(200).body("status", equalTo("UP"));
        boolean ready = Await.until(() -> given().get("/q/health/ready").statusCode() == 200,
                Duration.ofSeconds(90));
        assertTrue(ready, given().get("/q/health/ready").asString());
        given().get("/q/health/ready").then().body("checks.find { it.name == 'scheduler' }.data.state",
                equalTo("RUNNING"));
        given().get("/q/metrics").then().statusCode(200).body(containsString("kafka_stream_"));
    }

    @Test
    void shouldTakeItsThresholdsAndQuotasFromItsSettings() {
        SchedulerConfig config = SchedulerService.config(settings);

        assertEquals(32, config.shortMax());
        assertEquals(SchedulerConfig.defaults().mediumMax(), config.mediumMax());
        assertEquals(5000, config.dailyQuotaOf("acme"));
        assertEquals(0, config.dailyQuotaOf("someone-else"), "no default quota: unlimited");
    }
}
