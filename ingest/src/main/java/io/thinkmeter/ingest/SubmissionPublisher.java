package io.thinkmeter.ingest;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.thinkmeter.contracts.BatchAccepted;
import io.thinkmeter.contracts.Json;
import io.thinkmeter.contracts.ProblemRequest;
import io.thinkmeter.contracts.Topics;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.clients.producer.ProducerRecord;

import java.util.ArrayList;
import java.util.List;

/**
 * Hands accepted work to Kafka: each request to {@link Topics#SUBMITTED} (key = request id) and, for a
 * batch, its {@link BatchAccepted} to {@link Topics#BATCHES} (key = batch id), all in one transaction.
 * From the commit on the platform owns the work; before it, nothing of it is visible downstream.
 */
@ApplicationScoped
public class SubmissionPublisher {

    private final KafkaTransactions transactions;

    public SubmissionPublisher(KafkaTransactions transactions) {
        this.transactions = transactions;
    }

    /** @throws PublishFailedException when Kafka did not commit it within the publish timeout */
    public void problem(ProblemRequest request) {
        transactions.publish(List.of(record(request)), "request " + request.id());
    }

    /** A chat completion's samples, all or none. @throws PublishFailedException as {@link #problem} */
    public void problems(List<ProblemRequest> requests) {
        transactions.publish(requests.stream().map(SubmissionPublisher::record).toList(),
                "requests " + requests.get(0).id() + " (" + requests.size() + " samples)");
    }

    /** @throws PublishFailedException when Kafka did not commit it within the publish timeout */
    public void batch(ParsedBatch batch, BatchAccepted accepted) {
        List<ProducerRecord<String, String>> records = new ArrayList<>(batch.requests().size() + 1);
        for (ProblemRequest r : batch.requests()) {
            records.add(record(r));
        }
        records.add(new ProducerRecord<>(Topics.BATCHES, accepted.id(), json(accepted, "batch " + accepted.id())));
        transactions.publish(records, "batch " + accepted.id() + " (" + batch.requests().size() + " requests)");
    }

    private static ProducerRecord<String, String> record(ProblemRequest r) {
        return new ProducerRecord<>(Topics.SUBMITTED, r.id(), json(r, "request " + r.id()));
    }

    private static String json(Object payload, String what) {
        try {
            return Json.forServices().writeValueAsString(payload);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(what + " does not serialise: " + e.getOriginalMessage(), e);
        }
    }
}
