package io.thinkmeter.workers.service;

import io.thinkmeter.contracts.ConsumerGroups;
import io.thinkmeter.contracts.Pool;

import java.util.Map;

/**
 * One worker process's settings.
 *
 * @param pool the pool it serves (it consumes that pool's work topic)
 * @param maxInFlight the most requests decoding at once in its batch
 * @param workerId named in each result, for audit
 * @param clientOverrides Kafka client settings that replace the worker's own (each client takes the keys it
 *        knows), e.g. a shorter {@code delivery.timeout.ms} in tests
 */
public record WorkerConfig(String bootstrapServers, Pool pool, int maxInFlight, String workerId,
                           Map<String, Object> clientOverrides) {

    public WorkerConfig {
        if (maxInFlight < 1) {
            throw new IllegalArgumentException("maxInFlight must be at least 1, was " + maxInFlight);
        }
        clientOverrides = Map.copyOf(clientOverrides);
    }

    public WorkerConfig(String bootstrapServers, Pool pool, int maxInFlight, String workerId) {
        this(bootstrapServers, pool, maxInFlight, workerId, Map.of());
    }

    public String groupId() {
        return ConsumerGroups.workers(pool);
    }
}
