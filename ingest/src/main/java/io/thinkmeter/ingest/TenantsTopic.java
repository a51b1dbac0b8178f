package io.thinkmeter.ingest;

import io.thinkmeter.contracts.Json;
import io.thinkmeter.contracts.TenantQuota;
import io.thinkmeter.contracts.Topics;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;


/**
 * Publishes a tenant's daily quota to the compacted tenants topic, where the scheduler reads it and
 * enforces it; waits for Kafka's acknowledgement so a created tenant's quota is in force.
 */
@ApplicationScoped
public class TenantsTopic {

    private final Producer<String, String> producer;
    private final IngestConfig config;

    public TenantsTopic(Producer<String, String> producer, IngestConfig config) {
        this.producer = producer;
        this.config = config;
    }

    public void publish(String tenant, Long dailyTokenQuota) {
        TenantQuota quota = new TenantQuota(TenantQuota.SCHEMA_VERSION, tenant, dailyTokenQuota);
        String json;
        try {
            json = Json.forServices().writeValueAsString(quota);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("cannot write the quota of tenant " + tenant + " as JSON", e);
        }
        Acks.await(producer.send(new ProducerRecord<>(Topics.TENANTS, tenant, json)),
                System.nanoTime() + config.ackTimeout().toNanos(), config.ackTimeout(), "the quota of tenant " + tenant);
    }
}
