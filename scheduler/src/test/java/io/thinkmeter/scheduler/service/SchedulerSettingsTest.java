package io.thinkmeter.scheduler.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.thinkmeter.contracts.BudgetWindow;
import io.thinkmeter.scheduler.PromptBound;
import io.thinkmeter.scheduler.SchedulerConfig;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalInt;
import java.util.OptionalLong;

/** The scheduler's settings become its config: defaults where unset, every tenant's quota where set. */
class SchedulerSettingsTest {

    private record Given(OptionalInt shortMax, OptionalInt mediumMax, OptionalLong dailyQuota,
                         Map<String, Long> tenantDailyQuota, OptionalInt usageRetentionDays, OptionalLong monthlyQuota,
                         Map<String, Long> tenantMonthlyQuota, Map<String, KeyBudgetSettings> apiKeyBudget,
                         OptionalDouble softThreshold, Optional<Duration> reservationTimeout,
                         OptionalInt promptAllowance, OptionalInt promptAllowancePerMessage,
                         Optional<Duration> expiryCheckInterval) implements SchedulerSettings {

        @Override
        public Optional<Path> stateDir() {
            return Optional.empty();
        }

        @Override
        public Optional<Duration> commitInterval() {
            return Optional.empty();
        }

        @Override
        public Map<String, String> streams() {
            return Map.of();
        }
    }

    private record Key(OptionalLong day, OptionalLong month) implements SchedulerSettings.KeyBudgetSettings {}

    /** Thresholds, daily quotas and retention given; no budget setting. */
    private static Given given(OptionalInt shortMax, OptionalInt mediumMax, OptionalLong dailyQuota,
                               Map<String, Long> tenantDailyQuota, OptionalInt usageRetentionDays) {
        return new Given(shortMax, mediumMax, dailyQuota, tenantDailyQuota, usageRetentionDays, OptionalLong.empty(),
                Map.of(), Map.of(), OptionalDouble.empty(), Optional.empty(), OptionalInt.empty(), OptionalInt.empty(),
                Optional.empty());
    }

    @Test
    void shouldDefaultToThe64And128ThresholdsAndNoQuota() {
        SchedulerConfig config = SchedulerService.config(given(OptionalInt.empty(), OptionalInt.empty(),
                OptionalLong.empty(), Map.of(), OptionalInt.empty()));

        assertEquals(SchedulerConfig.defaults(), config);
        assertEquals(64, config.shortMax());
        assertEquals(128, config.mediumMax());
        assertEquals(0, config.dailyQuotaOf("anyone"));
    }

    @Test
    void shouldReadThresholdsQuotasAndTenantOverrides() {
        SchedulerConfig config = SchedulerService.config(given(OptionalInt.of(32), OptionalInt.of(256),
                OptionalLong.of(1000), Map.of("acme", 5000L, "free", 0L), OptionalInt.of(3)));

        assertEquals(new SchedulerConfig(32, 256, 1000L, Map.of("acme", 5000L, "free", 0L), 3), config);
        assertEquals(1000, config.dailyQuotaOf("globex"));
        assertEquals(5000, config.dailyQuotaOf("acme"));
        assertEquals(0, config.dailyQuotaOf("free"));
    }

    @Test
    void shouldReadMonthlyQuotasKeyBudgetsThresholdTimeoutAndAllowances() {
        SchedulerConfig config = SchedulerService.config(new Given(OptionalInt.empty(), OptionalInt.empty(),
                OptionalLong.empty(), Map.of(), OptionalInt.empty(), OptionalLong.of(90_000),
                Map.of("acme", 500_000L), Map.of("k_1", new Key(OptionalLong.of(5_000), OptionalLong.empty())),
                OptionalDouble.of(0.5), Optional.of(Duration.ofHours(30)), OptionalInt.of(4), OptionalInt.of(2),
                Optional.of(Duration.ofSeconds(20))));

        assertEquals(90_000, config.limitOf("globex", null, BudgetWindow.MONTH));
        assertEquals(500_000, config.limitOf("acme", null, BudgetWindow.MONTH));
        assertEquals(0, config.limitOf("acme", null, BudgetWindow.DAY), "no daily quota: unlimited");
        assertEquals(5_000, config.limitOf("acme", "k_1", BudgetWindow.DAY));
        assertEquals(0, config.limitOf("acme", "k_1", BudgetWindow.MONTH));
        assertEquals(0.5, config.softThreshold());
        assertEquals(Duration.ofHours(30), config.reservationTimeout());
        assertEquals(new PromptBound(4, 2), config.promptBound());
        assertEquals(Duration.ofSeconds(20), config.expiryCheckInterval());
    }

    @Test
    void shouldDefaultToAnAlertAt80PercentAndA48HourTimeout() {
        SchedulerConfig config = SchedulerService.config(given(OptionalInt.empty(), OptionalInt.empty(),
                OptionalLong.empty(), Map.of(), OptionalInt.empty()));

        assertEquals(0.8, config.softThreshold());
        assertEquals(Duration.ofHours(48), config.reservationTimeout());
        assertEquals(new PromptBound(16, 8), config.promptBound());
        assertThrows(IllegalArgumentException.class, () -> config.withSoftThreshold(1.5));
    }

    @Test
    void shouldRefuseThresholdsOutOfOrder() {
        assertThrows(IllegalArgumentException.class, () -> SchedulerService.config(given(OptionalInt.of(200),
                OptionalInt.empty(), OptionalLong.empty(), Map.of(), OptionalInt.empty())));
    }
}
