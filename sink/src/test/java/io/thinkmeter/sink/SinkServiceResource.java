package io.thinkmeter.sink;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.thinkmeter.storage.DatabaseSetup;

import java.nio.file.Files;
import java.util.Map;

/** A real broker and a real, migrated PostgreSQL for the sink service, as the platform gives it them. */
public final class SinkServiceResource implements QuarkusTestResourceLifecycleManager {

    static SinkHarness harness;

    @Override
    public Map<String, String> start() {
        try {
            harness = SinkHarness.start(Files.createTempDirectory("sink-service-test"));
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        return Map.of("kafka.bootstrap.servers", harness.bootstrapServers(),
                "thinkmeter.sink.jdbc-url", harness.jdbcUrlOfDatabase(),
                "thinkmeter.sink.db-user", DatabaseSetup.SERVICE_LOGIN,
                "thinkmeter.sink.db-password", harness.servicePassword());
    }

    @Override
    public void stop() {
        try {
            harness.close();
        } catch (Exception e) {
            throw new IllegalStateException("the sink test's servers did not stop", e);
        }
    }

}
