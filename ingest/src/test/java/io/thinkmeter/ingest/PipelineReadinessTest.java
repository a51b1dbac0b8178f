package io.thinkmeter.ingest;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ExtractableResponse;
import io.restassured.response.Response;
import io.thinkmeter.contracts.ConsumerGroups;
import io.thinkmeter.contracts.Pool;
import io.thinkmeter.contracts.Topics;
import org.apache.kafka.clients.consumer.CloseOptions;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Readiness tells whether accepted work can move: DOWN naming each service whose consumer group has
 * no member, UP once real consumers have joined every group.
 */
@QuarkusTest
@WithTestResource(OwnBrokerResources.class)
class PipelineReadinessTest {

    private static final String PIPELINE = "checks.find { it.name == 'pipeline' }";
    private final List<KafkaConsumer<String, String>> members = new ArrayList<>();

    @AfterEach
    void leave() {
        members.forEach(c -> c.close(CloseOptions.timeout(Duration.ofSeconds(5))));
        members.clear();
    }

    @Test
    void shouldBeDownNamingWhatIsMissingThenUpOnceEveryServiceHasJoined() {
        given().get("/q/health/ready")
                .then().statusCode(503)
                .body("status", equalTo("DOWN"))
                .body("checks.find { it.name == 'kafka' }.status", equalTo("UP"))
                .body(PIPELINE + ".status", equalTo("DOWN"))
                .body(PIPELINE + ".data.scheduler", equalTo(0))
                .body(PIPELINE + ".data.missing", containsString("no scheduler is running (consumer group "
                        + ConsumerGroups.SCHEDULER + " has no members)"))
                .body(PIPELINE + ".data.missing", containsString("no worker serves pool long"))
                .body(PIPELINE + ".data.missing", containsString("no storage sink is running"));

        join(ConsumerGroups.SCHEDULER, Topics.SUBMITTED);
        join(ConsumerGroups.SINK, Topics.RESULTS);
        join(ConsumerGroups.workers(Pool.SHORT), Topics.WORK_SHORT);
        join(ConsumerGroups.workers(Pool.MEDIUM), Topics.WORK_MEDIUM);
        // one pool still unserved: still DOWN, and it says which
        ExtractableResponse<Response> partial = given().get("/q/health/ready").then().statusCode(503).extract();
        assertEquals("no worker serves pool long (consumer group " + ConsumerGroups.workers(Pool.LONG)
                + " has no members)", partial.path(PIPELINE + ".data.missing"));

        join(ConsumerGroups.workers(Pool.LONG), Topics.WORK_LONG);
        given().get("/q/health/ready")
                .then().statusCode(200)
                .body("status", equalTo("UP"))
                .body(PIPELINE + ".data.scheduler", equalTo(1))
                .body(PIPELINE + ".data.'workers-long'", equalTo(1))
                .body(PIPELINE + ".data.sink", equalTo(1));
    }

    @Test
    void shouldStillAcceptWorkWhileThePipelineIsDown() {
        given().get("/q/health/ready").then().statusCode(503);
        Api.Tenant tenant = Api.newTenant("queued");
        tenant.call().contentType("application/json")
                .body("{\"problem\": \"Compute 2 + 2.\", \"budget\": 64, \"method\": \"none\"}")
                .post("/v1/problems").then().statusCode(202);
    }

    /** A real consumer in {@code group}, returned once the group has given it partitions. */
    private void join(String group, String topic) {
        KafkaConsumer<String, String> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
                ConfigProvider.getConfig().getValue("kafka.bootstrap.servers", String.class),
                ConsumerConfig.GROUP_ID_CONFIG, group,
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed",
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false),
                new StringDeserializer(), new StringDeserializer());
        members.add(consumer);
        consumer.subscribe(List.of(topic));
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (consumer.assignment().isEmpty()) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("consumer group " + group + " gave no partitions within 30 s");
            }
            consumer.poll(Duration.ofMillis(100));
        }
    }
}
