package io.thinkmeter.sink;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.thinkmeter.contracts.Json;
import io.thinkmeter.contracts.Topics;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.KafkaException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;

/** Sends refused records to the dead-letter topic and waits until the broker has them. */
final class DeadLetterSender implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(DeadLetterSender.class);

    private final Producer<String, String> producer;

    DeadLetterSender(Producer<String, String> producer) {
        this.producer = producer;
    }

    /**
     * @throws KafkaException when a dead letter was not acknowledged: the caller must not commit the
     *         poll's offsets, so the records are read, and refused, again
     */
    void sendAll(List<Refusal> refusals) {
        List<Future<RecordMetadata>> acks = new ArrayList<>();
        for (Refusal r : refusals) {
            LOG.warn("dead-lettering {}: {}", r.where(), r.reason());
            acks.add(producer.send(new ProducerRecord<>(Topics.DEAD_LETTERS, r.source().key(), json(r))));
        }
        for (Future<RecordMetadata> ack : acks) {
            try {
                ack.get();
            } catch (ExecutionException e) {
                throw new KafkaException("a dead letter was not written: " + e.getCause(), e.getCause());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new KafkaException("interrupted while writing dead letters", e);
            }
        }
    }

    private static String json(Refusal r) {
        try {
            return Json.forServices().writeValueAsString(r.deadLetter());
        } catch (JsonProcessingException e) {
            // a DeadLetter is four strings and a number: this cannot fail short of a broken classpath
            throw new IllegalStateException("cannot write a dead letter as JSON", e);
        }
    }

    @Override
    public void close() {
        producer.close();
    }
}
