package io.thinkmeter.testkit;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.thinkmeter.contracts.Topics;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.util.HashMap;
import java.util.Map;

/**
 * A real broker with the platform's topics for a service's {@code @QuarkusTest}: it sets
 * {@code kafka.bootstrap.servers}. Each {@code @ResourceArg} becomes a setting too; the value
 * {@value #TEMP_DIR} is replaced by a fresh directory (a state directory of the test's own).
 */
public final class KafkaTestResource implements QuarkusTestResourceLifecycleManager {

    public static final String TEMP_DIR = "${temp-dir}";
    private static final int PARTITIONS = 2;

    private final Map<String, String> settings = new HashMap<>();
    private EmbeddedKafka kafka;

    @Override
    public void init(Map<String, String> initArgs) {
        settings.putAll(initArgs);
    }

    @Override
    public Map<String, String> start() {
        try {
            kafka = EmbeddedKafka.start(Files.createTempDirectory("service-test-kafka"));
            kafka.createTopics(Topics.all(), PARTITIONS);
            Map<String, String> config = new HashMap<>();
            for (Map.Entry<String, String> e : settings.entrySet()) {
                config.put(e.getKey(), TEMP_DIR.equals(e.getValue())
                        ? Files.createTempDirectory("service-test").toString() : e.getValue());
            }
            config.put("kafka.bootstrap.servers", kafka.bootstrapServers());
            return config;
        } catch (IOException e) {
            throw new UncheckedIOException("the test broker did not start", e);
        }
    }

    @Override
    public void stop() {
        if (kafka != null) {
            kafka.close();
        }
    }
}
