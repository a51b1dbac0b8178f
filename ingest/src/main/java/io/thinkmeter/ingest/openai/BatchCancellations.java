package io.thinkmeter.ingest.openai;

import io.thinkmeter.contracts.BatchCancelled;
import io.thinkmeter.contracts.Json;
import io.thinkmeter.contracts.Topics;
import io.thinkmeter.ingest.KafkaTransactions;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.clients.producer.ProducerRecord;

import java.time.Instant;
import java.util.List;

/**
 * Tells the workers to skip what is left of a batch: a {@link BatchCancelled} on the compacted
 * {@link Topics#CANCELLATIONS} topic, key = the internal batch id. Sending it again is harmless (the topic
 * keeps the latest per batch), so the tracker repeats it after a restart rather than risk it being lost.
 */
@ApplicationScoped
public class BatchCancellations {

    private final KafkaTransactions transactions;

    public BatchCancellations(KafkaTransactions transactions) {
        this.transactions = transactions;
    }

    /**
     * @param reason {@link BatchCancelled#CANCELLED} or {@link BatchCancelled#EXPIRED}
     * @throws io.thinkmeter.ingest.PublishFailedException when Kafka did not commit it in time
     */
    public void publish(String batchId, String tenant, String reason) {
        BatchCancelled cancelled = new BatchCancelled(BatchCancelled.SCHEMA_VERSION, batchId, tenant, reason,
                Instant.now());
        transactions.publish(List.of(new ProducerRecord<>(Topics.CANCELLATIONS, batchId, Json.text(cancelled))),
                "the " + reason + " notice of batch " + batchId);
    }
}
