package io.thinkmeter.ingest;

/** Kafka did not acknowledge every record of a submission in time; the caller is told to retry. */
public final class PublishFailedException extends RuntimeException {

    public PublishFailedException(String message, Throwable cause) {
        super(cause == null ? message : message + ": " + cause.getMessage(), cause);
    }
}
