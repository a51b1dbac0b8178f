package io.thinkmeter.ingest;

import io.thinkmeter.contracts.BatchAccepted;
import io.thinkmeter.storage.AcceptedBatches;
import jakarta.enterprise.context.ApplicationScoped;

import javax.sql.DataSource;
import java.time.Instant;
import java.util.Optional;

/**
 * Reads the {@code batches} table, through storage's {@link AcceptedBatches}. Ingest does not write it: the storage sink stores each row from
 * the batch's {@code BatchAccepted} record, which ingest commits in the same Kafka transaction as the
 * batch's requests, so a batch that exists is complete.
 */
@ApplicationScoped
public class BatchStore {

    /**
     * A batch, as its tenant sees it.
     *
     * @param fingerprint {@link Fingerprints#batch} of what was submitted; null for batches from before V8
     */
    public record Batch(String id, String tenant, Instant createdAt, String inputFormat, int requestCount,
                        String fingerprint) {}

    private final DataSource dataSource;

    public BatchStore(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** Empty when the batch does not exist or belongs to another tenant. */
    public Optional<Batch> find(String tenant, String id) {
        return AcceptedBatches.find(dataSource, tenant, id).map(BatchStore::batch);
    }

    /**
     * A batch the tenant named in problems produced straight to Kafka, as far as its requests are stored;
     * empty when it has none. Never a batch ingest accepted (those have their row), so never an answer
     * to a resubmission.
     */
    public Optional<Batch> findProducedToKafka(String tenant, String id) {
        return AcceptedBatches.findProducedToKafka(dataSource, tenant, id).map(BatchStore::batch);
    }

    private static Batch batch(BatchAccepted b) {
        return new Batch(b.id(), b.tenant(), b.createdAt(), b.inputFormat(), b.requestCount(), b.fingerprint());
    }
}
