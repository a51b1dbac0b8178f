package io.thinkmeter.scheduler;

import io.thinkmeter.contracts.SpendAlert;

/**
 * Told of every change to the books, for metrics. Called on Kafka Streams' threads (several tasks at a
 * time): an implementation must be thread-safe and must not block.
 */
public interface SpendObserver {

    SpendObserver NONE = new SpendObserver() {
        @Override
        public void budget(BudgetUsage usage, Long limit) {}

        @Override
        public void parked(String tenant, long requests) {}

        @Override
        public void alerted(SpendAlert alert) {}
    };

    /** A budget's usage now, and its limit (null: unlimited). */
    void budget(BudgetUsage usage, Long limit);

    /** How many of the tenant's requests are parked now. */
    void parked(String tenant, long requests);

    void alerted(SpendAlert alert);
}
