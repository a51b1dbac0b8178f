package io.thinkmeter.ingest;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.thinkmeter.contracts.Json;
import io.thinkmeter.contracts.TenantQuota;
import io.thinkmeter.contracts.Topics;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.clients.producer.ProducerRecord;

import java.util.List;

/**
 * Publishes a tenant's daily quota to the compacted tenants topic, where the scheduler reads it and
 * enforces it; returns once Kafka has it, so a created tenant's quota is in force. It goes through the
 * same transactional producers as submissions: one way to publish, one bound on the wait
 * ({@code thinkmeter.ingest.publish-timeout}), and read_committed readers see it at once.
 */
@ApplicationScoped
public class TenantsTopic {

    private final KafkaTransactions transactions;

    public TenantsTopic(KafkaTransactions transactions) {
        this.transactions = transactions;
    }

    /** @throws PublishFailedException when Kafka did not take it within the publish timeout */
    public void publish(String tenant, Long dailyTokenQuota) {
        TenantQuota quota = new TenantQuota(TenantQuota.SCHEMA_VERSION, tenant, dailyTokenQuota);
        String json;
        try {
            json = Json.forServices().writeValueAsString(quota);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write the quota of tenant " + tenant + " as JSON", e);
        }
        transactions.publish(List.of(new ProducerRecord<>(Topics.TENANTS, tenant, json)),
                "the quota of tenant " + tenant);
    }
}
