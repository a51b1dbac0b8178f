package io.thinkmeter.scheduler.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.thinkmeter.scheduler.SchedulerConfig;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;

/** The scheduler's settings become its config: defaults where unset, every tenant's quota where set. */
class SchedulerSettingsTest {

    private record Given(OptionalInt shortMax, OptionalInt mediumMax, OptionalLong dailyQuota,
                         Map<String, Long> tenantDailyQuota, OptionalInt usageRetentionDays) implements SchedulerSettings {

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

    @Test
    void shouldDefaultToThe64And128ThresholdsAndNoQuota() {
        SchedulerConfig config = SchedulerService.config(new Given(OptionalInt.empty(), OptionalInt.empty(),
                OptionalLong.empty(), Map.of(), OptionalInt.empty()));

        assertEquals(SchedulerConfig.defaults(), config);
        assertEquals(64, config.shortMax());
        assertEquals(128, config.mediumMax());
        assertEquals(0, config.dailyQuotaOf("anyone"));
    }

    @Test
    void shouldReadThresholdsQuotasAndTenantOverrides() {
        SchedulerConfig config = SchedulerService.config(new Given(OptionalInt.of(32), OptionalInt.of(256),
                OptionalLong.of(1000), Map.of("acme", 5000L, "free", 0L), OptionalInt.of(3)));

        assertEquals(new SchedulerConfig(32, 256, 1000L, Map.of("acme", 5000L, "free", 0L), 3), config);
        assertEquals(1000, config.dailyQuotaOf("globex"));
        assertEquals(5000, config.dailyQuotaOf("acme"));
        assertEquals(0, config.dailyQuotaOf("free"));
    }

    @Test
    void shouldRefuseThresholdsOutOfOrder() {
        assertThrows(IllegalArgumentException.class, () -> SchedulerService.config(new Given(OptionalInt.of(200),
                OptionalInt.empty(), OptionalLong.empty(), Map.of(), OptionalInt.empty())));
    }
}
