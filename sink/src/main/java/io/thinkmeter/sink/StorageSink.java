package io.thinkmeter.sink;

import io.thinkmeter.storage.LedgerEntry;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import javax.sql.DataSource;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Writes what flows through Kafka into PostgreSQL: accepted batches, submitted requests, rejections,
 * and results with their token-ledger rows. Each poll is one database transaction on one kept
 * connection ({@link PollTransaction}); the poll's offsets are committed after it, so a record is
 * never skipped, and a redelivered one changes nothing, because every write is idempotent by id.
 *
 * <p>Failures follow Kafka Connect's two rules. A record that can never be written (by its content)
 * goes to the dead-letter topic with the reason and the others are stored. Anything else (the
 * database or the broker down, a lost connection) rewinds the consumer to the poll's first records
 * and retries after a pause that doubles from 200 ms to 10 s, forever: the loop ends only when
 * {@link #stop()} is called.
 */
public final class StorageSink implements Runnable {

    private static final Logger LOG = LoggerFactory.getLogger(StorageSink.class);
    private static final Duration POLL = Duration.ofMillis(200);

    /**
     * What the sink reports as it goes, for metrics. Called on the sink's thread; keep it quick.
     */
    public interface Listener {

        /**
         * One poll's records were stored (or refused with a reason) and committed to PostgreSQL.
         *
         * @param newResults results stored for the first time
         * @param refusals records dead-lettered because they can never be stored
         */
        default void stored(int records, int newResults, List<Refusal> refusals, Duration took) {}

        /** Ledger rows this sink wrote, once committed: what their results spent, and cost. */
        default void charged(List<LedgerEntry> entries) {}

        /** Reading from Kafka or writing to PostgreSQL failed; the poll is retried after a pause. */
        default void retrying(String what) {}
    }

    private final Consumer<String, String> consumer;
    private final DeadLetterSender deadLetters;
    private final SinkConnection connection;
    private final OffsetCommits offsets = new OffsetCommits();
    private final Backoff backoff = new Backoff();
    private final CountDownLatch stopped = new CountDownLatch(1);
    private volatile boolean stopping;
    private final Listener listener;
    private volatile long storedResults;
    private volatile boolean assigned;
    private volatile String failing;

    public StorageSink(String bootstrapServers, DataSource dataSource) {
        this(bootstrapServers, dataSource, SinkSettings.defaults());
    }

    public StorageSink(String bootstrapServers, DataSource dataSource, SinkSettings settings) {
        this(SinkClients.consumer(bootstrapServers, settings), SinkClients.deadLetterProducer(bootstrapServers),
                dataSource, new Listener() {});
    }

    /** With the Kafka clients given (see {@link SinkClients} for their settings), so a service can meter them. */
    public StorageSink(Consumer<String, String> consumer, Producer<String, String> deadLetterProducer,
                       DataSource dataSource, Listener listener) {
        this.consumer = consumer;
        this.deadLetters = new DeadLetterSender(deadLetterProducer);
        this.connection = new SinkConnection(dataSource);
        this.listener = listener;
    }

    /** Asks the loop to finish; it leaves after the poll or pause it is in. */
    public void stop() {
        stopping = true;
        stopped.countDown();
    }

    /** Whether the consumer has partitions to read: false while it joins its group or the broker is away. */
    public boolean assigned() {
        return assigned;
    }

    /** What is failing now (the retried poll's error), or null when the last poll went through. */
    public String failing() {
        return failing;
    }

    /** Results newly stored since start (redeliveries not counted). */
    public long storedResults() {
        return storedResults;
    }

    @Override
    public void run() {
        consumer.subscribe(RecordReader.TOPICS);
        try {
            while (!stopping) {
                // every record below the consumer's positions is stored: the last poll's were, or were rewound
                offsets.commit(consumer);
                ConsumerRecords<String, String> records = poll();
                assigned = !consumer.assignment().isEmpty();
                if (!records.isEmpty()) {
                    store(records);
                }
            }
            offsets.commit(consumer);
        } finally {
            close();
        }
    }

    private ConsumerRecords<String, String> poll() {
        try {
            ConsumerRecords<String, String> records = consumer.poll(POLL);
            failing = null;
            return records;
        } catch (KafkaException e) {
            retryLater("reading from Kafka", e);
            return ConsumerRecords.empty();
        }
    }

    /** Stores the records (dead-lettering those that can never be stored), or rewinds to read them again. */
    private void store(ConsumerRecords<String, String> records) {
        long begin = System.nanoTime();
        try {
            List<SinkRecord> readable = new ArrayList<>();
            List<Refusal> refusals = new ArrayList<>();
            for (ConsumerRecord<String, String> record : records) {
                try {
                    RecordReader.read(record).ifPresent(readable::add);
                } catch (IllegalArgumentException e) {
                    refusals.add(Refusal.of(record, FailureClassifier.describe(e)));
                }
            }
            PollTransaction.Outcome outcome = readable.isEmpty()
                    ? PollTransaction.Outcome.NOTHING
                    : PollTransaction.store(connection.get(), readable);
            storedResults += outcome.newResults();
            refusals.addAll(outcome.refusals());
            deadLetters.sendAll(refusals);
            backoff.reset();
            failing = null;
            listener.stored(records.count(), outcome.newResults(), refusals, Duration.ofNanos(System.nanoTime() - begin));
            listener.charged(outcome.charged());
        } catch (Exception e) {
            // not about any record's content (PollTransaction keeps those): the database, the broker, a bug
            connection.discard();
            rewind(records);
            retryLater("storing " + records.count() + " records", e);
        }
    }

    private void retryLater(String what, Exception e) {
        Duration wait = backoff.next();
        failing = what + ": " + FailureClassifier.describe(e);
        listener.retrying(what);
        LOG.warn("{} failed (attempt {}), retrying in {} ms: {}", what, backoff.failures(), wait.toMillis(),
                FailureClassifier.describe(e));
        LOG.debug("the failure in full", e);
        pause(wait);
    }

    /** Back to each partition's first record of the poll, so the next poll returns them again. */
    private void rewind(ConsumerRecords<String, String> records) {
        Set<TopicPartition> assigned = consumer.assignment();
        for (TopicPartition p : records.partitions()) {
            // a partition taken away meanwhile restarts from its committed offset with its new owner
            if (assigned.contains(p)) {
                consumer.seek(p, records.records(p).get(0).offset());
            }
        }
    }

    private void pause(Duration wait) {
        try {
            stopped.await(wait.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            stop();
        }
    }

    private void close() {
        connection.close();
        closeQuietly("the consumer", consumer::close);
        closeQuietly("the dead-letter producer", deadLetters::close);
    }

    private static void closeQuietly(String what, Runnable close) {
        try {
            close.run();
        } catch (RuntimeException e) {
            LOG.warn("closing {} failed: {}", what, e.toString());
        }
    }
}
