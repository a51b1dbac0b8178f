package io.thinkmeter.ingest;

import io.thinkmeter.contracts.Json;
import io.thinkmeter.contracts.TenantQuota;
import io.thinkmeter.contracts.Topics;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;

import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

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
        try {
            String json = Json.forServices().writeValueAsString(quota);
            producer.send(new ProducerRecord<>(Topics.TENANTS, tenant, json))
                    .get(config.ackTimeout().toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            throw new PublishFailedException("the quota of tenant " + tenant + " was not acknowledged", e.getCause());
        } catch (TimeoutException e) {
            throw new PublishFailedException("the quota of tenant " + tenant + " was not acknowledged within "
                    + config.ackTimeout().toSeconds() + " s", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new PublishFailedException("interrupted while publishing the quota of tenant " + tenant, e);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("cannot write the quota of tenant " + tenant + " as JSON", e);
        }
    }
}
