package io.thinkmeter.ingest;

import io.thinkmeter.storage.DatabaseLogin;
import io.thinkmeter.contracts.Topics;
import io.thinkmeter.testkit.EmbeddedKafka;
import io.thinkmeter.storage.DatabaseSetup;
import io.thinkmeter.testkit.EmbeddedPostgres;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Map;

/**
 * A real Kafka broker (topics created) and a real PostgreSQL 17 (schema migrated) for a service under
 * test, and the settings that point the service at them.
 */
final class TestBackends implements AutoCloseable {

    static final String ADMIN_KEY = "test-admin-key";
    static final String DATABASE = "thinkmeter_ingest";
    private static final String SERVICE_PASSWORD = "service-password";
    /** The owner's, for tests that must change what the service may not (a batch's expiry time). */
    static final String OWNER_PASSWORD = "owner-password";

    private final Path kafkaDir;
    private EmbeddedKafka kafka;
    private EmbeddedPostgres postgres;

    TestBackends() {
        try {
            kafkaDir = Files.createTempDirectory("thinkmeter-ingest-kafka");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot make a directory for the embedded Kafka", e);
        }
    }

    /** @return the service's settings: where Kafka and PostgreSQL are, and the admin key */
    Map<String, String> start() {
        try {
            kafka = EmbeddedKafka.start(kafkaDir);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start the embedded Kafka", e);
        }
        kafka.createTopics(Topics.all(), 3);
        postgres = EmbeddedPostgres.start();
        // as in production: an owner migrates, the service logs in with the least-privileged login
        DatabaseSetup.ensure(new DatabaseLogin(EmbeddedPostgres.SUPERUSER, postgres.superuserPassword()), postgres.jdbcUrl(DATABASE), OWNER_PASSWORD, SERVICE_PASSWORD);
        Map<String, String> config = new HashMap<>();
        config.put("kafka.bootstrap.servers", kafka.bootstrapServers());
        config.put("quarkus.datasource.jdbc.url", postgres.jdbcUrl(DATABASE));
        config.put("quarkus.datasource.username", DatabaseSetup.SERVICE_LOGIN);
        config.put("quarkus.datasource.password", SERVICE_PASSWORD);
        config.put("thinkmeter.ingest.admin-key", ADMIN_KEY);
        return config;
    }

    EmbeddedKafka kafka() {
        return kafka;
    }

    /** Stops the broker cleanly; {@link #restartKafka()} brings it back on the same port with its data. */
    void stopKafka() {
        kafka.close();
    }

    void restartKafka() {
        try {
            kafka = EmbeddedKafka.start(kafkaDir);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot restart the embedded Kafka", e);
        }
    }

    @Override
    public void close() {
        try {
            if (kafka != null) {
                kafka.close();
            }
        } finally {
            if (postgres != null) {
                postgres.close();
            }
        }
        delete(kafkaDir);
    }

    private static void delete(Path dir) {
        try (var paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> {
                try {
                    Files.deleteIfExists(p);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        } catch (IOException | UncheckedIOException e) {
            throw new IllegalStateException("could not delete the embedded Kafka's directory " + dir, e);
        }
    }
}
