package io.thinkmeter.ingest;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.thinkmeter.contracts.Json;
import io.thinkmeter.contracts.ProblemRequest;
import io.thinkmeter.contracts.Topics;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Future;

/**
 * Writes accepted requests to {@link Topics#SUBMITTED}, keyed by request id, and returns only once
 * Kafka has acknowledged every one of them: from then on the platform owns them, so only then may
 * ingest answer "accepted".
 */
@ApplicationScoped
public class SubmittedTopic {

    private final Producer<String, String> producer;
    private final IngestConfig config;

    public SubmittedTopic(Producer<String, String> producer, IngestConfig config) {
        this.producer = producer;
        this.config = config;
    }

    /** @throws PublishFailedException when any record was not acknowledged within the ack timeout */
    public void publishAll(List<ProblemRequest> requests) {
        // all sends first, then all waits: the producer batches them instead of one round trip each
        List<Future<RecordMetadata>> acks = new ArrayList<>(requests.size());
        for (ProblemRequest r : requests) {
            try {
                acks.add(producer.send(new ProducerRecord<>(Topics.SUBMITTED, r.id(), toJson(r))));
            } catch (RuntimeException e) {
                throw new PublishFailedException("could not send request " + r.id() + " to " + Topics.SUBMITTED, e);
            }
        }
        long deadline = System.nanoTime() + config.ackTimeout().toNanos();
        for (int i = 0; i < acks.size(); i++) {
            Acks.await(acks.get(i), deadline, config.ackTimeout(), describe(requests, i));
        }
    }

    private static String describe(List<ProblemRequest> requests, int i) {
        String id = requests.get(i).id();
        // a batch's earlier records may already be in the topic; say so, the caller has to know
        return requests.size() == 1 ? "request " + id
                : "request " + id + " (" + (i + 1) + " of " + requests.size() + " in batch "
                        + requests.get(i).batch() + "; records of it already acknowledged stay in the topic, "
                        + "so resubmit the whole batch as a new one)";
    }

    private static String toJson(ProblemRequest r) {
        try {
            return Json.forServices().writeValueAsString(r);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("request " + r.id() + " does not serialise: " + e.getOriginalMessage(), e);
        }
    }
}
