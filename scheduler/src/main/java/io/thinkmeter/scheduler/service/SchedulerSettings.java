package io.thinkmeter.scheduler.service;

import io.smallrye.config.ConfigMapping;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
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

    /** Days of reserved usage and of routed request ids kept: also the idempotency window. */
    OptionalInt usageRetentionDays();

    /** Where Kafka Streams keeps its state stores (they are rebuilt from their changelogs when lost). */
    Optional<Path> stateDir();

    /** How often processed records are committed (a transaction each, exactly-once). */
    Optional<Duration> commitInterval();

    /** Any other Kafka Streams setting, {@code thinkmeter.scheduler.streams."num.stream.threads"=2}. */
    Map<String, String> streams();
}
