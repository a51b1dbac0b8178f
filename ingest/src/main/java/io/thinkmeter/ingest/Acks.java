package io.thinkmeter.ingest;

import org.apache.kafka.clients.producer.RecordMetadata;

import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** Waiting for Kafka's acknowledgement of a record, turned into the one failure ingest answers 503 with. */
final class Acks {

    private Acks() {}

    /**
     * @param deadlineNanos a {@link System#nanoTime()} deadline shared by the records of one call
     * @param what names the record in the error ("request 0b9c…")
     */
    static void await(Future<RecordMetadata> ack, long deadlineNanos, Duration timeout, String what) {
        try {
            ack.get(Math.max(0, deadlineNanos - System.nanoTime()), TimeUnit.NANOSECONDS);
        } catch (ExecutionException e) {
            throw new PublishFailedException(what + " was not acknowledged", e.getCause());
        } catch (TimeoutException e) {
            throw new PublishFailedException(what + " was not acknowledged within " + timeout.toSeconds() + " s", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new PublishFailedException("interrupted while waiting for Kafka to acknowledge " + what, e);
        }
    }
}
