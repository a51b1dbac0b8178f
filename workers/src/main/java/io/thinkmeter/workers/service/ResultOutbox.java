package io.thinkmeter.workers.service;

import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.function.Consumer;
import java.util.function.UnaryOperator;

/**
 * Records a worker owes Kafka (results, error results, dead letters), kept until Kafka acknowledges
 * them. It never blocks the worker's loop and never gives a record up: a send that fails (the broker is
 * down, however long; the producer's delivery timeout expired) is sent again after a pause that grows
 * to {@link #MAX_PAUSE}. Only then is its source record's offset free to be committed, so a crash at
 * any point leaves the request to be redelivered rather than lost. A copy that reached Kafka although
 * its acknowledgement did not is harmless: storage keeps one result per request id.
 *
 * @param <S> what each record answers for (its source offset), handed back once it is delivered
 */
final class ResultOutbox<S> {

    static final Duration FIRST_PAUSE = Duration.ofMillis(500);
    static final Duration MAX_PAUSE = Duration.ofSeconds(15);
    private static final Logger LOG = LoggerFactory.getLogger(ResultOutbox.class);

    private final class Entry {
        ProducerRecord<String, String> record;
        final S source;
        Future<RecordMetadata> ack;
        int failures;
        long retryAtNanos;

        Entry(ProducerRecord<String, String> record, S source) {
            this.record = record;
            this.source = source;
        }
    }

    private final Producer<String, String> producer;
    private final UnaryOperator<ProducerRecord<String, String>> shrink;
    private final List<Entry> entries = new ArrayList<>();
    private long holdUntilNanos = System.nanoTime();

    /**
     * @param shrink a smaller stand-in for a record Kafka refuses as too large (its text dropped, its
     *               counts kept), so the outcome still reaches storage
     */
    ResultOutbox(Producer<String, String> producer, UnaryOperator<ProducerRecord<String, String>> shrink) {
        this.producer = producer;
        this.shrink = shrink;
    }

    void send(ProducerRecord<String, String> record, S source) {
        Entry e = new Entry(record, source);
        entries.add(e);
        transmit(e);
    }

    /** Hands each acknowledged record's source to {@code delivered}, and sends again what failed and is due. */
    void settle(Consumer<S> delivered) {
        long now = System.nanoTime();
        for (Iterator<Entry> it = entries.iterator(); it.hasNext(); ) {
            Entry e = it.next();
            if (e.ack == null) {
                if (now - e.retryAtNanos >= 0) {
                    transmit(e);
                }
                continue;
            }
            if (!e.ack.isDone()) {
                continue;
            }
            Throwable failure = failureOf(e.ack);
            if (failure == null) {
                it.remove();
                delivered.accept(e.source);
            } else if (failure instanceof RecordTooLargeException) {
                LOG.warn("Kafka refused the {} record of {} as too large; sending it without its text",
                        e.record.topic(), e.record.key());
                e.record = shrink.apply(e.record);
                transmit(e);
            } else {
                failed(e, failure);
            }
        }
    }

    boolean isEmpty() {
        return entries.isEmpty();
    }

    int size() {
        return entries.size();
    }

    private void transmit(Entry e) {
        long now = System.nanoTime();
        if (now - holdUntilNanos < 0) {
            // a send just blocked for max.block.ms and failed: the broker is away; do not block again per record
            e.ack = null;
            e.retryAtNanos = holdUntilNanos;
            return;
        }
        try {
            e.ack = producer.send(e.record);
        } catch (KafkaException sendRefused) {
            // e.g. no metadata within max.block.ms while the broker is down
            holdUntilNanos = System.nanoTime() + FIRST_PAUSE.toNanos();
            failed(e, sendRefused);
        }
    }

    private void failed(Entry e, Throwable failure) {
        e.failures++;
        e.ack = null;
        long pause = Math.min(MAX_PAUSE.toMillis(), FIRST_PAUSE.toMillis() << Math.min(e.failures - 1, 10));
        e.retryAtNanos = System.nanoTime() + Duration.ofMillis(pause).toNanos();
        if (e.failures == 1 || e.failures % 20 == 0) {
            LOG.warn("could not write the {} record of {} (attempt {}); sending it again in {} ms: {}",
                    e.record.topic(), e.record.key(), e.failures, pause, failure.toString());
        }
    }

    private static Throwable failureOf(Future<RecordMetadata> ack) {
        try {
            ack.get();
            return null;
        } catch (ExecutionException e) {
            return e.getCause();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return e;
        }
    }
}
