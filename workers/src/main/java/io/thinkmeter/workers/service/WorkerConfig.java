package io.thinkmeter.workers.service;

import io.thinkmeter.contracts.ConsumerGroups;
import io.thinkmeter.contracts.Pool;

/**
 * One worker process's settings.
 *
 * @param pool the pool it serves (it consumes that pool's work topic)
 * @param maxInFlight the most requests decoding at once in its batch
 * @param workerId named in each result, for audit
 */
public record WorkerConfig(String bootstrapServers, Pool pool, int maxInFlight, String workerId) {

    public WorkerConfig {
        if (maxInFlight < 1) {
            throw new IllegalArgumentException("maxInFlight must be at least 1, was " + maxInFlight);
        }
    }

    public String groupId() {
        return ConsumerGroups.workers(pool);
    }
}
