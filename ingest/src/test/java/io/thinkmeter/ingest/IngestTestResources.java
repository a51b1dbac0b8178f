package io.thinkmeter.ingest;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.thinkmeter.contracts.Topics;
import io.thinkmeter.migrations.Migrations;
import io.thinkmeter.ops.embedded.EmbeddedKafka;
import io.thinkmeter.storage.EmbeddedPostgres;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Map;

/**
 * A real Kafka broker and a real PostgreSQL 17 for the service under test, started once for every
 * test class (they all name this resource, so Quarkus starts the application once), with the schema
 * migrated and the topics created before the application starts.
 */
public class IngestTestResources implements QuarkusTestResourceLifecycleManager {

    static final String ADMIN_KEY = "test-admin-key";
    static final String DATABASE = "thinkmeter_ingest";

    private EmbeddedKafka kafka;
    private EmbeddedPostgres postgres;

    @Override
    public Map<String, String> start() {
        try {
            kafka = EmbeddedKafka.start(Files.createTempDirectory("thinkmeter-ingest-kafka"));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start the embedded Kafka", e);
        }
        kafka.createTopics(Topics.all(), 3);
        postgres = EmbeddedPostgres.start();
        Migrations.migrate(postgres.database(DATABASE));
        return Map.of(
                "kafka.bootstrap.servers", kafka.bootstrapServers(),
                "quarkus.datasource.jdbc.url", postgres.jdbcUrl(DATABASE),
                "quarkus.datasource.username", postgres.superuser().user(),
                "quarkus.datasource.password", postgres.superuser().password(),
                "thinkmeter.ingest.admin-key", ADMIN_KEY,
                "thinkmeter.ingest.max-wait", "10s",
                "thinkmeter.ingest.max-batch-lines", "50");
    }

    @Override
    public void stop() {
        try {
            if (kafka != null) {
                kafka.close();
            }
        } finally {
            if (postgres != null) {
                postgres.close();
            }
        }
        if (kafka != null) {
            delete(kafka.directory());
        }
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
