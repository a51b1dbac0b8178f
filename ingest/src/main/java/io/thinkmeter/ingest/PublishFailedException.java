package io.thinkmeter.ingest;

/**
 * Kafka did not take a submission within the publish timeout: its transaction was not committed (or
 * ingest cannot tell that it was), so the caller is told to retry. The message is ingest's own
 * sentence; Kafka's words stay in the cause, for the log.
 */
public final class PublishFailedException extends RuntimeException {

    public PublishFailedException(String message, Throwable cause) {
        super(message, cause);
    }
}
