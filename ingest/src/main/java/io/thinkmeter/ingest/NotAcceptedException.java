package io.thinkmeter.ingest;

/**
 * A submission Kafka did not commit in time (503): carries what the caller needs to retry it without
 * being charged twice, its idempotency key, and the batch id the retry will get.
 */
public final class NotAcceptedException extends RuntimeException {

    private final transient IdempotencyKey key;
    private final String batchId;

    /** @param batchId null for a single problem */
    NotAcceptedException(IdempotencyKey key, String batchId, PublishFailedException cause) {
        super(cause.getMessage(), cause);
        this.key = key;
        this.batchId = batchId;
    }

    IdempotencyKey key() {
        return key;
    }

    String batchId() {
        return batchId;
    }
}
