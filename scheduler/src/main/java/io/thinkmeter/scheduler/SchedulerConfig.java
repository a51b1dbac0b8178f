package io.thinkmeter.scheduler;

import io.thinkmeter.contracts.BudgetTiers;
import io.thinkmeter.contracts.BudgetWindow;
import io.thinkmeter.contracts.TenantQuota.KeyBudget;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

/**
 * What the scheduler decides by: the budget thresholds between pools, the token budgets configured here
 * (a budget set through ingest, on the tenants topic, wins over all of them for its tenant), and how
 * reservations are sized and timed out.
 *
 * @param shortMax the largest budget routed to the short pool
 * @param mediumMax the largest budget routed to the medium pool; larger ones go to long
 * @param defaultDailyQuota tokens a tenant may spend per UTC day; null or 0 means unlimited
 * @param tenantDailyQuotas per-tenant daily quotas that replace the default; 0 means unlimited for that tenant
 * @param usageRetentionDays how many days past its period a budget's usage, and how long the request ids
 *        already routed or settled, are kept: also the idempotency window, within which a request
 *        submitted again (same id) is not run again and a result delivered again is not charged again
 * @param defaultMonthlyQuota tokens a tenant may spend per UTC calendar month; null or 0 means unlimited
 * @param tenantMonthlyQuotas per-tenant monthly quotas that replace the default; 0 means unlimited
 * @param apiKeyBudgets budgets of API keys by key id (day and month; null or 0: unlimited)
 * @param softThreshold the share of a limit at which a spend alert is raised, (0, 1]; a tenant's own
 *        (set through ingest) wins
 * @param reservationTimeout how long an admitted request's reservation is held without a result before it
 *        is released as lost (longer than any legitimate wait: OpenAI batches have 24 hours)
 * @param promptBound how a request's prompt tokens are bounded before it runs
 * @param expiryCheckInterval how often (wall clock) timed-out reservations are released, parked requests
 *        retried and old periods forgotten
 */
public record SchedulerConfig(int shortMax, int mediumMax, Long defaultDailyQuota, Map<String, Long> tenantDailyQuotas,
                              int usageRetentionDays, Long defaultMonthlyQuota, Map<String, Long> tenantMonthlyQuotas,
                              Map<String, KeyBudget> apiKeyBudgets, double softThreshold, Duration reservationTimeout,
                              PromptBound promptBound, Duration expiryCheckInterval) {

    public static final int DEFAULT_USAGE_RETENTION_DAYS = 7;
    public static final double DEFAULT_SOFT_THRESHOLD = 0.8;
    public static final Duration DEFAULT_RESERVATION_TIMEOUT = Duration.ofHours(48);
    public static final Duration DEFAULT_EXPIRY_CHECK_INTERVAL = Duration.ofMinutes(1);

    public SchedulerConfig {
        new BudgetTiers(shortMax, mediumMax); // refuses thresholds out of order, in the tiers' own words
        atLeastZero("the default daily quota", defaultDailyQuota);
        atLeastZero("the default monthly quota", defaultMonthlyQuota);
        tenantDailyQuotas.forEach((tenant, quota) -> notNullAtLeastZero("tenant " + tenant + ": daily quota", quota));
        tenantMonthlyQuotas.forEach((tenant, quota) -> notNullAtLeastZero("tenant " + tenant + ": monthly quota", quota));
        apiKeyBudgets.forEach((key, budget) -> {
            atLeastZero("api key " + key + ": day budget", budget.day());
            atLeastZero("api key " + key + ": month budget", budget.month());
        });
        tenantDailyQuotas = Map.copyOf(tenantDailyQuotas);
        tenantMonthlyQuotas = Map.copyOf(tenantMonthlyQuotas);
        apiKeyBudgets = Map.copyOf(apiKeyBudgets);
        if (usageRetentionDays < 1) {
            throw new IllegalArgumentException("usage retention must be at least 1 day, was " + usageRetentionDays);
        }
        if (!(softThreshold > 0 && softThreshold <= 1)) {
            throw new IllegalArgumentException("the soft threshold must be a share above 0 and at most 1, was "
                    + softThreshold);
        }
        positive("the reservation timeout", reservationTimeout);
        positive("the expiry check interval", expiryCheckInterval);
        if (promptBound == null) {
            throw new IllegalArgumentException("the prompt bound's allowances are required");
        }
    }

    /** Thresholds, quotas and retention: the rest at their defaults. */
    public SchedulerConfig(int shortMax, int mediumMax, Long defaultDailyQuota, Map<String, Long> tenantDailyQuotas,
                           int usageRetentionDays) {
        this(shortMax, mediumMax, defaultDailyQuota, tenantDailyQuotas, usageRetentionDays, null, Map.of(), Map.of(),
                DEFAULT_SOFT_THRESHOLD, DEFAULT_RESERVATION_TIMEOUT, PromptBound.defaults(),
                DEFAULT_EXPIRY_CHECK_INTERVAL);
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
        return new SchedulerConfig(newShortMax, newMediumMax, defaultDailyQuota, tenantDailyQuotas, usageRetentionDays,
                defaultMonthlyQuota, tenantMonthlyQuotas, apiKeyBudgets, softThreshold, reservationTimeout, promptBound,
                expiryCheckInterval);
    }

    public SchedulerConfig withDefaultDailyQuota(Long quota) {
        return new SchedulerConfig(shortMax, mediumMax, quota, tenantDailyQuotas, usageRetentionDays,
                defaultMonthlyQuota, tenantMonthlyQuotas, apiKeyBudgets, softThreshold, reservationTimeout, promptBound,
                expiryCheckInterval);
    }

    public SchedulerConfig withTenantDailyQuota(String tenant, long quota) {
        Map<String, Long> quotas = new HashMap<>(tenantDailyQuotas);
        quotas.put(tenant, quota);
        return new SchedulerConfig(shortMax, mediumMax, defaultDailyQuota, quotas, usageRetentionDays,
                defaultMonthlyQuota, tenantMonthlyQuotas, apiKeyBudgets, softThreshold, reservationTimeout, promptBound,
                expiryCheckInterval);
    }

    public SchedulerConfig withUsageRetentionDays(int days) {
        return new SchedulerConfig(shortMax, mediumMax, defaultDailyQuota, tenantDailyQuotas, days,
                defaultMonthlyQuota, tenantMonthlyQuotas, apiKeyBudgets, softThreshold, reservationTimeout, promptBound,
                expiryCheckInterval);
    }

    public SchedulerConfig withDefaultMonthlyQuota(Long quota) {
        return new SchedulerConfig(shortMax, mediumMax, defaultDailyQuota, tenantDailyQuotas, usageRetentionDays,
                quota, tenantMonthlyQuotas, apiKeyBudgets, softThreshold, reservationTimeout, promptBound,
                expiryCheckInterval);
    }

    public SchedulerConfig withTenantMonthlyQuota(String tenant, long quota) {
        Map<String, Long> quotas = new HashMap<>(tenantMonthlyQuotas);
        quotas.put(tenant, quota);
        return new SchedulerConfig(shortMax, mediumMax, defaultDailyQuota, tenantDailyQuotas, usageRetentionDays,
                defaultMonthlyQuota, quotas, apiKeyBudgets, softThreshold, reservationTimeout, promptBound,
                expiryCheckInterval);
    }

    public SchedulerConfig withApiKeyBudget(String apiKeyId, KeyBudget budget) {
        Map<String, KeyBudget> budgets = new HashMap<>(apiKeyBudgets);
        budgets.put(apiKeyId, budget);
        return new SchedulerConfig(shortMax, mediumMax, defaultDailyQuota, tenantDailyQuotas, usageRetentionDays,
                defaultMonthlyQuota, tenantMonthlyQuotas, budgets, softThreshold, reservationTimeout, promptBound,
                expiryCheckInterval);
    }

    public SchedulerConfig withSoftThreshold(double share) {
        return new SchedulerConfig(shortMax, mediumMax, defaultDailyQuota, tenantDailyQuotas, usageRetentionDays,
                defaultMonthlyQuota, tenantMonthlyQuotas, apiKeyBudgets, share, reservationTimeout, promptBound,
                expiryCheckInterval);
    }

    public SchedulerConfig withReservationTimeout(Duration timeout) {
        return new SchedulerConfig(shortMax, mediumMax, defaultDailyQuota, tenantDailyQuotas, usageRetentionDays,
                defaultMonthlyQuota, tenantMonthlyQuotas, apiKeyBudgets, softThreshold, timeout, promptBound,
                expiryCheckInterval);
    }

    public SchedulerConfig withPromptBound(PromptBound bound) {
        return new SchedulerConfig(shortMax, mediumMax, defaultDailyQuota, tenantDailyQuotas, usageRetentionDays,
                defaultMonthlyQuota, tenantMonthlyQuotas, apiKeyBudgets, softThreshold, reservationTimeout, bound,
                expiryCheckInterval);
    }

    public SchedulerConfig withExpiryCheckInterval(Duration every) {
        return new SchedulerConfig(shortMax, mediumMax, defaultDailyQuota, tenantDailyQuotas, usageRetentionDays,
                defaultMonthlyQuota, tenantMonthlyQuotas, apiKeyBudgets, softThreshold, reservationTimeout, promptBound,
                every);
    }

    /** How long a routed request id (and a settled one) is remembered, so a second copy of it is dropped. */
    public Duration idempotencyWindow() {
        return Duration.ofDays(usageRetentionDays);
    }

    /** The tenant's daily quota in tokens; 0 means unlimited. */
    public long dailyQuotaOf(String tenant) {
        Long quota = tenantDailyQuotas.getOrDefault(tenant, defaultDailyQuota);
        return quota == null ? 0 : quota;
    }

    /** The tenant's configured limit for {@code window}, or an API key's ({@code apiKeyId} not null); 0: none. */
    public long limitOf(String tenant, String apiKeyId, BudgetWindow window) {
        Long limit;
        if (apiKeyId != null) {
            KeyBudget budget = apiKeyBudgets.get(apiKeyId);
            limit = budget == null ? null : budget.limitOf(window);
        } else if (window == BudgetWindow.DAY) {
            limit = tenantDailyQuotas.getOrDefault(tenant, defaultDailyQuota);
        } else {
            limit = tenantMonthlyQuotas.getOrDefault(tenant, defaultMonthlyQuota);
        }
        return limit == null ? 0 : limit;
    }

    /** Whether this configuration names the tenant (a quota of its own), which makes it known to the front door. */
    public boolean namesTenant(String tenant) {
        return tenantDailyQuotas.containsKey(tenant) || tenantMonthlyQuotas.containsKey(tenant);
    }

    private static void atLeastZero(String what, Long value) {
        if (value != null && value < 0) {
            throw new IllegalArgumentException(what + " must be 0 (unlimited) or more, was " + value);
        }
    }

    private static void notNullAtLeastZero(String what, Long value) {
        if (value == null || value < 0) {
            throw new IllegalArgumentException(what + " must be 0 (unlimited) or more, was " + value);
        }
    }

    private static void positive(String what, Duration value) {
        if (value == null || value.isZero() || value.isNegative()) {
            throw new IllegalArgumentException(what + " must be a positive duration, was " + value);
        }
    }
}
