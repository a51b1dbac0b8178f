package io.thinkmeter.ingest;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.serialization.StringSerializer;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A few transactional Kafka producers ({@code thinkmeter.ingest.producers}), lent one at a time: a
 * producer has at most one open transaction, so concurrent submissions each need their own.
 *
 * <p>Producers are created when first needed, so ingest starts without Kafka. One that failed a
 * transaction is thrown away (closed without waiting: with the broker gone a clean abort would block)
 * and its place created afresh on the next loan. The new producer has the same {@code transactional.id},
 * so its {@code initTransactions} fences the old one and aborts whatever transaction it left open; the
 * broker aborts it anyway after {@code transaction.timeout.ms}. The ids carry a random instance id, so
 * two ingest instances (or a restart) never fence each other.
 */
@ApplicationScoped
public class ProducerPool {

    private static final Logger LOG = Logger.getLogger(ProducerPool.class);
    /** The longest any one blocking producer call (metadata, buffer space, init, commit) may take. */
    static final Duration MAX_BLOCK = Duration.ofSeconds(5);
    /** At least this long before the broker aborts a transaction ingest left open. */
    static final Duration MIN_TRANSACTION_TIMEOUT = Duration.ofSeconds(30);

    /** A place in the pool: its number, and its producer once created. */
    static final class Slot {
        final int number;
        Producer<String, String> producer;

        Slot(int number) {
            this.number = number;
        }
    }

    private final BlockingQueue<Slot> free;
    private final int size;
    private final String bootstrapServers;
    private final Duration publishTimeout;
    private final String instance = UUID.randomUUID().toString().substring(0, 8);

    public ProducerPool(@ConfigProperty(name = "kafka.bootstrap.servers") String bootstrapServers,
                        IngestConfig config) {
        if (config.producers() < 1) {
            throw new IllegalArgumentException("thinkmeter.ingest.producers must be at least 1, was "
                    + config.producers());
        }
        this.bootstrapServers = bootstrapServers;
        this.publishTimeout = config.publishTimeout();
        this.size = config.producers();
        this.free = new ArrayBlockingQueue<>(size);
        for (int n = 0; n < size; n++) {
            free.add(new Slot(n));
        }
    }

    /**
     * A slot whose producer has its transactions initialised, once one is free.
     *
     * @param deadlineNanos a {@link System#nanoTime()} deadline for the whole publication
     * @throws PublishFailedException when none is free by the deadline or its producer cannot start
     */
    Slot borrow(long deadlineNanos) {
        Slot slot;
        try {
            slot = free.poll(Math.max(0, deadlineNanos - System.nanoTime()), TimeUnit.NANOSECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new PublishFailedException("interrupted while waiting for a Kafka producer", e);
        }
        if (slot == null) {
            throw new PublishFailedException("all " + size + " Kafka producers stayed busy for "
                    + publishTimeout.toSeconds() + " s (thinkmeter.ingest.producers)", null);
        }
        if (slot.producer == null) {
            try {
                slot.producer = create(slot.number);
                // finds the transaction coordinator: blocks at most max.block.ms when the broker is away
                slot.producer.initTransactions();
            } catch (KafkaException e) {
                discard(slot);
                throw new PublishFailedException("no Kafka producer could start within " + MAX_BLOCK.toSeconds()
                        + " s: the broker did not answer", e);
            }
        }
        return slot;
    }

    /** Lends the slot again, its producer healthy. */
    void giveBack(Slot slot) {
        free.add(slot);
    }

    /** Throws the slot's producer away (it failed a transaction) and frees the slot for a fresh one. */
    void discard(Slot slot) {
        if (slot.producer != null) {
            try {
                slot.producer.close(Duration.ZERO);
            } catch (RuntimeException e) {
                LOG.debug("closing a failed Kafka producer failed too", e);
            }
            slot.producer = null;
        }
        free.add(slot);
    }

    private Producer<String, String> create(int number) {
        long publishMillis = publishTimeout.toMillis();
        long maxBlockMillis = Math.min(MAX_BLOCK.toMillis(), publishMillis);
        return new KafkaProducer<>(Map.ofEntries(
                Map.entry(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers),
                Map.entry(ProducerConfig.CLIENT_ID_CONFIG, "thinkmeter-ingest-" + number),
                Map.entry(ProducerConfig.TRANSACTIONAL_ID_CONFIG, "thinkmeter-ingest-" + instance + "-" + number),
                Map.entry(ProducerConfig.ACKS_CONFIG, "all"),
                Map.entry(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true),
                // a transaction must outlive the longest wait ingest gives it, or the broker aborts it first
                Map.entry(ProducerConfig.TRANSACTION_TIMEOUT_CONFIG,
                        (int) Math.max(MIN_TRANSACTION_TIMEOUT.toMillis(), publishMillis + maxBlockMillis)),
                // metadata, buffer space, init and commit: an unreachable broker is noticed in seconds
                Map.entry(ProducerConfig.MAX_BLOCK_MS_CONFIG, maxBlockMillis),
                // a send may not take longer than the caller is willing to wait for its answer
                Map.entry(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, (int) publishMillis),
                // Kafka insists that delivery.timeout >= linger + request.timeout
                Map.entry(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG,
                        (int) Math.max(1, Math.min(30_000, publishMillis / 2))),
                Map.entry(ProducerConfig.LINGER_MS_CONFIG, 5)),
                new StringSerializer(), new StringSerializer());
    }

    @PreDestroy
    void close() {
        for (Slot slot : free) {
            if (slot.producer != null) {
                slot.producer.close(Duration.ofSeconds(5));
                slot.producer = null;
            }
        }
    }
}
