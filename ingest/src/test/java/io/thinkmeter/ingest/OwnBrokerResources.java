package io.thinkmeter.ingest;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

import java.util.HashMap;
import java.util.Map;

/**
 * A Kafka broker and a PostgreSQL of their own, for the tests that stop the broker or watch the
 * pipeline's consumer groups: the shared {@link IngestTestResources} stay untouched. The pipeline
 * readiness check is on, as in production.
 */
public class OwnBrokerResources implements QuarkusTestResourceLifecycleManager {

    private static volatile TestBackends current;

    /** The running backends, so a test can stop and restart the broker. */
    static TestBackends backends() {
        if (current == null) {
            throw new IllegalStateException("OwnBrokerResources has not started (or runs in another class loader)");
        }
        return current;
    }

    @Override
    public Map<String, String> start() {
        TestBackends backends = new TestBackends();
        Map<String, String> config = new HashMap<>(backends.start());
        config.put("thinkmeter.ingest.readiness.pipeline", "true");
        current = backends;
        return config;
    }

    @Override
    public void stop() {
        if (current != null) {
            current.close();
            current = null;
        }
    }
}
