package io.thinkmeter.contracts;

import com.fasterxml.jackson.annotation.JsonInclude;

import java.util.Map;

/**
 * A tenant's token budgets as set through ingest: the payload of the compacted tenants topic (key = the
 * tenant id), schema 1. The scheduler enforces them; a null limit means none. Every record carries all of
 * the tenant's budgets (its own and each of its API keys'), so the latest record per tenant is the whole truth.
 *
 * @param dailyTokenQuota the tenant's limit per UTC day (the "day" window), in tokens (prompt + generated)
 * @param monthlyTokenQuota the tenant's limit per UTC calendar month (the "month" window)
 * @param softThreshold the share of a limit (0 to 1, exclusive of 0) at which a spend alert is raised once per
 *        window; null: the scheduler's configured default
 * @param apiKeys budgets of the tenant's API keys, by key id (never the secret); keys absent here have none
 */
@JsonInclude(JsonInclude.Include.ALWAYS)
public record TenantQuota(int schemaVersion, String tenant, Long dailyTokenQuota, Long monthlyTokenQuota,
                          Double softThreshold, Map<String, KeyBudget> apiKeys) {

    public static final int SCHEMA_VERSION = 1;

    public TenantQuota {
        apiKeys = apiKeys == null ? Map.of() : Map.copyOf(apiKeys);
    }

    /** Only a daily quota, as before budgets had windows and keys. */
    public TenantQuota(int schemaVersion, String tenant, Long dailyTokenQuota) {
        this(schemaVersion, tenant, dailyTokenQuota, null, null, Map.of());
    }

    /** The tenant's limit for {@code window}, null when it has none. */
    public Long limitOf(BudgetWindow window) {
        return window == BudgetWindow.DAY ? dailyTokenQuota : monthlyTokenQuota;
    }

    /**
     * One API key's budgets.
     *
     * @param day tokens per UTC day, null for no limit
     * @param month tokens per UTC calendar month, null for no limit
     */
    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record KeyBudget(Long day, Long month) {

        /** The key's limit for {@code window}, null when it has none. */
        public Long limitOf(BudgetWindow window) {
            return window == BudgetWindow.DAY ? day : month;
        }
    }
}
