package io.thinkmeter.scheduler;

import io.thinkmeter.contracts.TenantQuota;

import java.util.function.Function;

/**
 * Which limit each budget has. A tenant's record on the tenants topic (set through ingest) is the whole
 * truth for that tenant, its own budgets and its keys' (a key absent from it has none), and wins over
 * this scheduler's configuration, which applies to tenants without a record. Through ingest, null means
 * unlimited and 0 means nothing may be spent (a frozen key or tenant); in the configuration, 0 or none means
 * unlimited, as the settings have always said. An unlimited budget is still counted, so a limit set later in a
 * period sees what was spent.
 */
public final class BudgetLimits {

    private final SchedulerConfig config;
    private final Function<String, TenantQuota> setThroughIngest;

    /** @param setThroughIngest the tenant's latest record on the tenants topic, null when it has none */
    public BudgetLimits(SchedulerConfig config, Function<String, TenantQuota> setThroughIngest) {
        this.config = config;
        this.setThroughIngest = setThroughIngest;
    }

    /** The budget's limit in tokens, null when it has none. */
    public Long limitOf(BudgetKey budget) {
        TenantQuota set = setThroughIngest.apply(budget.tenant());
        if (set == null) {
            Long configured = config.limitOf(budget.tenant(), budget.apiKeyId(), budget.window());
            return configured == null || configured <= 0 ? null : configured;
        }
        Long limit;
        if (budget.apiKeyId() == null) {
            limit = set.limitOf(budget.window());
        } else {
            TenantQuota.KeyBudget key = set.apiKeys().get(budget.apiKeyId());
            limit = key == null ? null : key.limitOf(budget.window());
        }
        return limit == null ? null : Math.max(0, limit);
    }

    /** The share of a limit at which the tenant's budgets raise their alert. */
    public double softThresholdOf(String tenant) {
        TenantQuota set = setThroughIngest.apply(tenant);
        Double own = set == null ? null : set.softThreshold();
        return own != null && own > 0 && own <= 1 ? own : config.softThreshold();
    }

    /** The soft threshold in tokens: the limit times the share, rounded down. */
    public long thresholdTokens(String tenant, long limit) {
        return (long) Math.floor(limit * softThresholdOf(tenant));
    }

    /** Limits as the bare configuration gives them, no tenant records. */
    static BudgetLimits configured(SchedulerConfig config) {
        return new BudgetLimits(config, tenant -> null);
    }
}
