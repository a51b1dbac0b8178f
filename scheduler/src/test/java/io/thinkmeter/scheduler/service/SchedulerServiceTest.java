package io.thinkmeter.scheduler.service;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.thinkmeter.contracts.Json;
import io.thinkmeter.contracts.Method;
import io.thinkmeter.contracts.ProblemRequest;
import io.thinkmeter.contracts.Topics;
import io.thinkmeter.scheduler.SchedulerConfig;
import io.thinkmeter.testkit.Await;
import io.thinkmeter.testkit.KafkaTestResource;
import jakarta.inject.Inject;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.Properties;
import java.util.regex.Pattern;

/** The scheduler service against a real broker: configured by its settings, ready once Kafka Streams runs. */
@QuarkusTest
@WithTestResource(value = KafkaTestResource.class, initArgs = {
        @ResourceArg(name = "thinkmeter.scheduler.state-dir", value = KafkaTestResource.TEMP_DIR),
        @ResourceArg(name = "thinkmeter.scheduler.short-max", value = "32"),
        @ResourceArg(name = "thinkmeter.scheduler.tenant-daily-quota.acme", value = "5000")})
class SchedulerServiceTest {

    @Inject
    SchedulerSettings settings;

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrapServers;

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
    void shouldExposeTheBudgetsOfTheRequestsItAdmits() throws Exception {
        Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        ProblemRequest request = new ProblemRequest(ProblemRequest.SCHEMA_VERSION, "metrics-1", null, "acme", null,
                null, "Compute 478 + 356.", 58, Method.TS, null, null, null, null, 0, null, Instant.now());
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(props, new StringSerializer(),
                new StringSerializer())) {
            producer.send(new ProducerRecord<>(Topics.SUBMITTED, request.id(), Json.text(request))).get();
        }

        // 42 for the prompt's bound + 58 of acme's configured 5,000 a day
        boolean shown = Await.until(() -> shows(given().get("/q/metrics").asString(), "headroom", "day", 4900),
                Duration.ofSeconds(90));
        String metrics = given().get("/q/metrics").asString();
        assertTrue(shown, metrics);
        assertTrue(shows(metrics, "reserved", "month", 100), "unlimited budgets are counted too: " + metrics);
        assertTrue(shows(metrics, "settled", "day", 0), metrics);
    }

    /** Whether the tenant acme's own budget for {@code window} shows {@code value} in the Prometheus text. */
    private static boolean shows(String metrics, String figure, String window, long value) {
        return Pattern.compile("(?m)^thinkmeter_scheduler_budget_" + figure + "_tokens\\{api_key=\"\",tenant=\"acme\","
                + "window=\"" + window + "\"\\} " + value + "(\\.0)?$").matcher(metrics).find();
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
