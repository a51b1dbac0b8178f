package io.thinkmeter.scheduler.service;

import io.smallrye.config.ConfigMapping;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalInt;
import java.util.OptionalLong;

/**
 * The scheduler service's settings, {@code thinkmeter.scheduler.*}: as {@code -Dthinkmeter.scheduler.short-max=64}
 * or the environment ({@code THINKMETER_SCHEDULER_SHORT_MAX=64}). The Kafka cluster is
 * {@code kafka.bootstrap.servers}. Unset values take the defaults of {@code SchedulerConfig}.
 */
@ConfigMapping(prefix = "thinkmeter.scheduler")
public interface SchedulerSettings {

    /** The largest budget routed to the short pool. */
    OptionalInt shortMax();

    /** The largest budget routed to the medium pool; larger ones go to long. */
    OptionalInt mediumMax();

    /** Tokens a tenant may reserve per UTC day; unset or 0: unlimited. */
    OptionalLong dailyQuota();

    /** Per-tenant daily quotas over the default, {@code thinkmeter.scheduler.tenant-daily-quota.acme=5000}; 0: unlimited. */
    Map<String, Long> tenantDailyQuota();

    /** Tokens a tenant may spend per UTC calendar month; unset or 0: unlimited. */
    OptionalLong monthlyQuota();

    /** Per-tenant monthly quotas over the default, {@code thinkmeter.scheduler.tenant-monthly-quota.acme=90000}; 0: unlimited. */
    Map<String, Long> tenantMonthlyQuota();

    /**
     * Budgets of API keys by key id, {@code thinkmeter.scheduler.api-key-budget.k_3f2.day=5000} (and
     * {@code .month}); unset or 0: unlimited. For tenants without budgets set through ingest.
     */
    Map<String, KeyBudgetSettings> apiKeyBudget();

    /** The share of a limit at which a spend alert is raised once per period; default 0.8. */
    OptionalDouble softThreshold();

    /** How long a reservation is held without a result before it is released as lost; default PT48H. */
    Optional<Duration> reservationTimeout();

    /** Template tokens allowed around a whole prompt, beside its UTF-8 bytes; default 16. */
    OptionalInt promptAllowance();

    /** Template tokens allowed around each message of a prompt; default 8. */
    OptionalInt promptAllowancePerMessage();

    /** How often timed-out reservations are released and parked requests retried; default PT1M. */
    Optional<Duration> expiryCheckInterval();

    /** Days past its period a budget's usage, and routed or settled request ids, are kept: the idempotency window. */
    OptionalInt usageRetentionDays();

    /** Where Kafka Streams keeps its state stores (they are rebuilt from their changelogs when lost). */
    Optional<Path> stateDir();

    /** How often processed records are committed (a transaction each, exactly-once). */
    Optional<Duration> commitInterval();

    /** One API key's configured budgets. */
    interface KeyBudgetSettings {

        /** Tokens per UTC day; unset or 0: unlimited. */
        OptionalLong day();

        /** Tokens per UTC calendar month; unset or 0: unlimited. */
        OptionalLong month();
    }

    /** Any other Kafka Streams setting, {@code thinkmeter.scheduler.streams."num.stream.threads"=2}. */
    Map<String, String> streams();
}
