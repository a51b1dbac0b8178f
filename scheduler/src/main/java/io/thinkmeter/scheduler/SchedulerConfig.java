package io.thinkmeter.scheduler;

import io.thinkmeter.contracts.BudgetTiers;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

/**
 * What the scheduler decides by: the budget thresholds between pools and the tenants' daily token quotas.
 *
 * @param shortMax the largest budget routed to the short pool
 * @param mediumMax the largest budget routed to the medium pool; larger ones go to long
 * @param defaultDailyQuota tokens a tenant may reserve per UTC day; null or 0 means unlimited
 * @param tenantDailyQuotas per-tenant quotas that replace the default; 0 means unlimited for that tenant
 * @param usageRetentionDays how many days of reserved usage, and of the request ids already routed, are
 *        kept before the stores forget them: also the idempotency window, within which a request
 *        submitted again (same id) is not run again
 */
public record SchedulerConfig(int shortMax, int mediumMax, Long defaultDailyQuota, Map<String, Long> tenantDailyQuotas,
                              int usageRetentionDays) {

    public static final int DEFAULT_USAGE_RETENTION_DAYS = 7;

    public SchedulerConfig {
        new BudgetTiers(shortMax, mediumMax); // refuses thresholds out of order, in the tiers' own words
        if (defaultDailyQuota != null && defaultDailyQuota < 0) {
            throw new IllegalArgumentException("the default daily quota must be 0 (unlimited) or more, was "
                    + defaultDailyQuota);
        }
        tenantDailyQuotas.forEach((tenant, quota) -> {
            if (quota == null || quota < 0) {
                throw new IllegalArgumentException("tenant " + tenant + ": daily quota must be 0 (unlimited) or more, was "
                        + quota);
            }
        });
        tenantDailyQuotas = Map.copyOf(tenantDailyQuotas);
        if (usageRetentionDays < 1) {
            throw new IllegalArgumentException("usage retention must be at least 1 day, was " + usageRetentionDays);
        }
    }

    /** The default budget tiers ({@link BudgetTiers#DEFAULTS}), no quotas. */
    public static SchedulerConfig defaults() {
        return new SchedulerConfig(BudgetTiers.DEFAULTS.shortMax(), BudgetTiers.DEFAULTS.mediumMax(), null, Map.of(),
                DEFAULT_USAGE_RETENTION_DAYS);
    }

    /** The budget tiers this scheduler routes by: what the engine must be given too. */
    public BudgetTiers tiers() {
        return new BudgetTiers(shortMax, mediumMax);
    }

    public SchedulerConfig withThresholds(int newShortMax, int newMediumMax) {
        return new SchedulerConfig(newShortMax, newMediumMax, defaultDailyQuota, tenantDailyQuotas, usageRetentionDays);
    }

    public SchedulerConfig withDefaultDailyQuota(Long quota) {
        return new SchedulerConfig(shortMax, mediumMax, quota, tenantDailyQuotas, usageRetentionDays);
    }

    public SchedulerConfig withTenantDailyQuota(String tenant, long quota) {
        Map<String, Long> quotas = new HashMap<>(tenantDailyQuotas);
        quotas.put(tenant, quota);
        return new SchedulerConfig(shortMax, mediumMax, defaultDailyQuota, quotas, usageRetentionDays);
    }

    public SchedulerConfig withUsageRetentionDays(int days) {
        return new SchedulerConfig(shortMax, mediumMax, defaultDailyQuota, tenantDailyQuotas, days);
    }

    /** How long a routed request id is remembered, so a second submission of it is dropped. */
    public Duration idempotencyWindow() {
        return Duration.ofDays(usageRetentionDays);
    }

    /** The tenant's daily quota in tokens; 0 means unlimited. */
    public long dailyQuotaOf(String tenant) {
        Long quota = tenantDailyQuotas.getOrDefault(tenant, defaultDailyQuota);
        return quota == null ? 0 : quota;
    }
}
