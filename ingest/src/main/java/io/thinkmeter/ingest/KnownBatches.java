package io.thinkmeter.ingest;

import jakarta.enterprise.context.ApplicationScoped;

import java.util.Optional;

/**
 * A tenant's batch wherever it is known: its {@code batches} row, or, in the moment between Kafka's
 * commit and the sink storing that row, this instance's memory of having accepted it.
 */
@ApplicationScoped
public class KnownBatches {

    private final BatchStore store;
    private final RecentlyAccepted recent;

    public KnownBatches(BatchStore store, RecentlyAccepted recent) {
        this.store = store;
        this.recent = recent;
    }

    /** Empty when neither knows it, or it is another tenant's. */
    public Optional<BatchStore.Batch> find(String tenant, String id) {
        return store.find(tenant, id).or(() -> recent.batch(id, tenant));
    }

    /**
     * A batch to read back: one ingest accepted, or else one the tenant named in problems produced
     * straight to Kafka. Not for answering a resubmission, which only a batch ingest accepted can be.
     */
    public Optional<BatchStore.Batch> findToRead(String tenant, String id) {
        return find(tenant, id).or(() -> store.findProducedToKafka(tenant, id));
    }
}
