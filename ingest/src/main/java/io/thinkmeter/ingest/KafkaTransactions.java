package io.thinkmeter.ingest;

import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.KafkaException;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Publishes records in one Kafka transaction and returns only once it is committed: then every record
 * is in Kafka for the read_committed consumers downstream, and before then none is. So a batch is
 * never half in Kafka, whatever fails when.
 *
 * <p>The whole call is bounded by {@code thinkmeter.ingest.publish-timeout}: waiting for a free
 * producer, every acknowledgement, and the commit (each of the producer's blocking calls is further
 * held to {@link ProducerPool#MAX_BLOCK}).
 */
@ApplicationScoped
public class KafkaTransactions {

    private final ProducerPool pool;
    private final Duration timeout;

    public KafkaTransactions(ProducerPool pool, IngestConfig config) {
        this.pool = pool;
        this.timeout = config.publishTimeout();
    }

    /**
     * @param what names the records in the error ("batch 0b9c…")
     * @throws PublishFailedException when the transaction was not committed in time
     */
    public void publish(List<ProducerRecord<String, String>> records, String what) {
        long deadline = System.nanoTime() + timeout.toNanos();
        ProducerPool.Slot slot = pool.borrow(deadline);
        boolean committed = false;
        try {
            Producer<String, String> producer = slot.producer;
            producer.beginTransaction();
            // all sends first, then all waits: the producer batches them instead of one round trip each
            List<Future<RecordMetadata>> acks = new ArrayList<>(records.size());
            for (ProducerRecord<String, String> r : records) {
                requireTimeLeft(deadline, what);
                acks.add(producer.send(r));
            }
            for (Future<RecordMetadata> ack : acks) {
                ack.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            }
            // every record is acknowledged: the commit itself is one short round trip
            requireTimeLeft(deadline, what);
            producer.commitTransaction();
            committed = true;
        } catch (ExecutionException e) {
            throw new PublishFailedException("Kafka refused " + what, e.getCause());
        } catch (TimeoutException e) {
            throw notInTime(what, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new PublishFailedException("interrupted while publishing " + what, e);
        } catch (KafkaException | IllegalStateException e) {
            // the producer's own timeouts (metadata, buffer, commit) are KafkaExceptions too; a producer in a
            // state that refuses the call is as good as failed (it is discarded below)
            throw notInTime(what, e);
        } finally {
            if (committed) {
                pool.giveBack(slot);
            } else {
                pool.discard(slot);
            }
        }
    }

    private void requireTimeLeft(long deadline, String what) {
        if (System.nanoTime() - deadline >= 0) {
            throw notInTime(what, null);
        }
    }

    private PublishFailedException notInTime(String what, Exception cause) {
        return new PublishFailedException("Kafka did not commit " + what + " within " + timeout.toSeconds()
                + " s (thinkmeter.ingest.publish-timeout)", cause);
    }
}
