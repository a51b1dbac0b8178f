package io.thinkmeter.ingest;

import jakarta.enterprise.context.ApplicationScoped;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * What this instance accepted lately. Kafka commits a submission before the storage sink has written
 * its rows, so for a moment PostgreSQL has never heard of an id the caller was just given; this lets
 * {@code GET /v1/problems/{id}} answer "submitted" and {@code GET /v1/problems/batch/{id}} answer with the
 * batch instead of 404 in that moment, and lets a resubmission with the same idempotency key be
 * recognised even then. Bounded: the oldest entries fall out, by which time the sink has long stored them.
 */
@ApplicationScoped
public class RecentlyAccepted {

    static final int PROBLEMS = 100_000;
    static final int BATCHES = 10_000;

    /** @param fingerprint {@link Fingerprints#problem} of what was accepted */
    private record Problem(String tenant, String fingerprint) {}

    private final Map<String, Problem> problems = bounded(PROBLEMS);
    private final Map<String, BatchStore.Batch> batches = bounded(BATCHES);

    public synchronized void problem(String id, String tenant, String fingerprint) {
        problems.put(id, new Problem(tenant, fingerprint));
    }

    /** The fingerprint of the problem accepted under this id for this tenant, if this instance remembers it. */
    public synchronized Optional<String> problem(String id, String tenant) {
        Problem p = problems.get(id);
        return p != null && p.tenant().equals(tenant) ? Optional.of(p.fingerprint()) : Optional.empty();
    }

    public synchronized void batch(BatchStore.Batch batch) {
        batches.put(batch.id(), batch);
    }

    public synchronized Optional<BatchStore.Batch> batch(String id, String tenant) {
        BatchStore.Batch b = batches.get(id);
        return b != null && b.tenant().equals(tenant) ? Optional.of(b) : Optional.empty();
    }

    private static <V> Map<String, V> bounded(int capacity) {
        return new LinkedHashMap<>() {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, V> eldest) {
                return size() > capacity;
            }
        };
    }
}
