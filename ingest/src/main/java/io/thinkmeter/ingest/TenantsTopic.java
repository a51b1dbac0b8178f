package io.thinkmeter.ingest;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.thinkmeter.contracts.Json;
import io.thinkmeter.contracts.TenantQuota;
import io.thinkmeter.contracts.Topics;
import io.thinkmeter.storage.Budgets;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.clients.producer.ProducerRecord;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Publishes a tenant's budgets, all of them (its own and every key's), to the compacted tenants topic, where
 * the scheduler reads and enforces them: the latest record per tenant is the whole truth, so a change to one
 * key's budget republishes everything. Returns once Kafka has it, so the budgets are in force. It goes through
 * the same transactional producers as submissions: one way to publish, one bound on the wait
 * ({@code thinkmeter.ingest.publish-timeout}), and read_committed readers see it at once.
 */
@ApplicationScoped
public class TenantsTopic {

    private final KafkaTransactions transactions;

    public TenantsTopic(KafkaTransactions transactions) {
        this.transactions = transactions;
    }

    /** @throws PublishFailedException when Kafka did not take it within the publish timeout */
    public void publish(Budgets.TenantBudgets budgets) {
        publish(quotaOf(budgets));
    }

    /** A new tenant: its day budget, nothing else yet. @throws PublishFailedException as above */
    public void publishNew(String tenant, Long dailyTokenQuota) {
        publish(new TenantQuota(TenantQuota.SCHEMA_VERSION, tenant, dailyTokenQuota));
    }

    /** The record the scheduler reads: keys without any limit are left out (absent means none). */
    static TenantQuota quotaOf(Budgets.TenantBudgets budgets) {
        Map<String, TenantQuota.KeyBudget> keys = new LinkedHashMap<>();
        for (Budgets.KeyBudget k : budgets.keys()) {
            if (k.day() != null || k.month() != null) {
                keys.put(k.keyId(), new TenantQuota.KeyBudget(k.day(), k.month()));
            }
        }
        return new TenantQuota(TenantQuota.SCHEMA_VERSION, budgets.tenant(), budgets.day(), budgets.month(),
                budgets.softThreshold() == null ? null : budgets.softThreshold().doubleValue(), keys);
    }

    private void publish(TenantQuota quota) {
        String json;
        try {
            json = Json.forServices().writeValueAsString(quota);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write the budgets of tenant " + quota.tenant() + " as JSON", e);
        }
        transactions.publish(List.of(new ProducerRecord<>(Topics.TENANTS, quota.tenant(), json)),
                "the budgets of tenant " + quota.tenant());
    }
}
