package io.thinkmeter.scheduler;

import static io.thinkmeter.scheduler.SchedulerFixture.request;
import static io.thinkmeter.scheduler.SchedulerFixture.submittedAt;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.thinkmeter.contracts.Pool;
import io.thinkmeter.contracts.RejectedRequest;
import io.thinkmeter.contracts.TenantQuota;
import org.apache.kafka.streams.KeyValue;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

class DailyQuotaTest {

    @TempDir
    Path stateDir;
    SchedulerFixture scheduler;

    @AfterEach
    void stop() {
        scheduler.close();
    }

    private void start(SchedulerConfig config) {
        scheduler = new SchedulerFixture(config, stateDir);
    }

    @Test
    void shouldAcceptUntilTheQuotaIsUsedAndRejectTheOneThatWouldExceedIt() {
        start(SchedulerConfig.defaults().withDefaultDailyQuota(1_000L));

        scheduler.submit(request("r1", "acme", 400));
        scheduler.submit(request("r2", "acme", 400));
        scheduler.submit(request("r3", "acme", 500));
        scheduler.submit(request("r4", "acme", 200));
        scheduler.submit(request("r5", "acme", 1));

        assertEquals(List.of("r1", "r2", "r4"), scheduler.accepted());
        List<KeyValue<String, RejectedRequest>> rejected = scheduler.rejected();
        assertEquals(List.of("r3", "r5"), rejected.stream().map(kv -> kv.key).toList());
        assertEquals("tenant acme: budget 500 exceeds the 200 tokens left of today's 1000-token quota (2026-11-21)",
                rejected.get(0).value.reason());
        assertEquals("tenant acme: budget 1 exceeds the 0 tokens left of today's 1000-token quota (2026-11-21)",
                rejected.get(1).value.reason());
        assertEquals(request("r3", "acme", 500), rejected.get(0).value.request());
        assertEquals(1_000L, scheduler.usage().get("acme|2026-11-21"));
    }

    @Test
    void shouldEnforceAQuotaSetThroughIngestOverTheConfiguredDefault() {
        start(SchedulerConfig.defaults().withDefaultDailyQuota(1_000L));
        scheduler.setTenantQuota("acme", new TenantQuota(1, "acme", 100L));
        scheduler.setTenantQuota("beta", new TenantQuota(1, "beta", null));

        scheduler.submit(request("a1", "acme", 60));
        scheduler.submit(request("a2", "acme", 60));
        scheduler.submit(request("b1", "beta", 5_000));

        assertEquals(List.of("a1", "b1"), scheduler.accepted());
        assertEquals("tenant acme: budget 60 exceeds the 40 tokens left of today's 100-token quota (2026-11-21)",
                scheduler.rejected().get(0).value.reason());
    }

    @Test
    void shouldFallBackToTheConfiguredQuotaWhenTheTenantRecordIsRemoved() {
        start(SchedulerConfig.defaults().withDefaultDailyQuota(50L));
        scheduler.setTenantQuota("acme", new TenantQuota(1, "acme", null));
        scheduler.setTenantQuota("acme", null);

        scheduler.submit(request("a1", "acme", 60));

        assertEquals(List.of(), scheduler.accepted());
        assertEquals(1, scheduler.rejected().size());
    }

    @Test
    void shouldRejectABudgetLargerThanTheWholeQuota() {
        start(SchedulerConfig.defaults().withDefaultDailyQuota(100L));

        scheduler.submit(request("huge", "acme", 101));

        assertEquals("tenant acme: budget 101 exceeds the 100 tokens left of today's 100-token quota (2026-11-21)",
                scheduler.rejected().get(0).value.reason());
        assertNull(scheduler.usage().get("acme|2026-11-21"));
    }

    @Test
    void shouldResetTheQuotaOnANewUtcDay() {
        start(SchedulerConfig.defaults().withDefaultDailyQuota(100L));

        scheduler.submit(submittedAt(request("late", "acme", 100), Instant.parse("2026-11-21T23:59:59Z")));
        scheduler.submit(submittedAt(request("too-late", "acme", 1), Instant.parse("2026-11-21T23:59:59.999Z")));
        scheduler.submit(submittedAt(request("next-day", "acme", 100), Instant.parse("2026-11-22T00:00:00Z")));

        assertEquals(List.of("late", "next-day"), scheduler.accepted());
        assertEquals("tenant acme: budget 1 exceeds the 0 tokens left of today's 100-token quota (2026-11-21)",
                scheduler.rejected().get(0).value.reason());
    }

    @Test
    void shouldChargeTheRecordTimestampsDayWhenSubmittedAtIsAbsent() {
        start(SchedulerConfig.defaults().withDefaultDailyQuota(100L));

        scheduler.submit(submittedAt(request("a", "acme", 100), null), Instant.parse("2026-11-23T08:00:00Z"));
        scheduler.submit(submittedAt(request("b", "acme", 100), null), Instant.parse("2026-11-23T20:00:00Z"));

        assertEquals(List.of("a"), scheduler.accepted());
        assertEquals("tenant acme: budget 100 exceeds the 0 tokens left of today's 100-token quota (2026-11-23)",
                scheduler.rejected().get(0).value.reason());
    }

    @Test
    void shouldKeepTenantsIndependent() {
        start(SchedulerConfig.defaults().withDefaultDailyQuota(100L));

        scheduler.submit(request("acme-1", "acme", 100));
        scheduler.submit(request("globex-1", "globex", 100));
        scheduler.submit(request("acme-2", "acme", 1));
        scheduler.submit(request("globex-2", "globex", 1));

        assertEquals(List.of("acme-1", "globex-1"), scheduler.accepted());
        assertEquals(List.of("acme-2", "globex-2"), scheduler.rejected().stream().map(kv -> kv.key).toList());
    }

    @Test
    void shouldApplyPerTenantOverrides() {
        start(SchedulerConfig.defaults().withDefaultDailyQuota(100L).withTenantDailyQuota("big", 500)
                .withTenantDailyQuota("free", 0));

        scheduler.submit(request("big-1", "big", 500));
        scheduler.submit(request("small-1", "small", 101));
        scheduler.submit(request("free-1", "free", 100_000));
        scheduler.submit(request("big-2", "big", 1));

        assertEquals(List.of("big-1", "free-1"), scheduler.accepted());
        List<KeyValue<String, RejectedRequest>> rejected = scheduler.rejected();
        assertEquals(List.of("small-1", "big-2"), rejected.stream().map(kv -> kv.key).toList());
        assertEquals("tenant big: budget 1 exceeds the 0 tokens left of today's 500-token quota (2026-11-21)",
                rejected.get(1).value.reason());
    }

    @Test
    void shouldAcceptAnyBudgetWhenNoQuotaIsSet() {
        start(SchedulerConfig.defaults());

        for (int i = 0; i < 5; i++) {
            scheduler.submit(request("r" + i, "acme", 1_000_000));
        }

        assertEquals(5, scheduler.work(Pool.LONG).size());
        assertEquals(List.of(), scheduler.rejected());
        assertEquals(5_000_000L, scheduler.usage().get("acme|2026-11-21"));
    }

    @Test
    void shouldTreatAZeroDefaultQuotaAsUnlimited() {
        start(SchedulerConfig.defaults().withDefaultDailyQuota(0L));

        scheduler.submit(request("r", "acme", 1_000_000));

        assertEquals(List.of("r"), scheduler.accepted());
    }

    @Test
    void shouldForgetUsageOlderThanTheRetention() {
        scheduler = new SchedulerFixture(SchedulerConfig.defaults().withUsageRetentionDays(2), stateDir,
                Instant.parse("2026-11-24T12:00:00Z"));
        scheduler.submit(submittedAt(request("old", "acme", 10), Instant.parse("2026-11-21T12:00:00Z")));
        scheduler.submit(submittedAt(request("kept", "acme", 20), Instant.parse("2026-11-22T12:00:00Z")));

        scheduler.advanceWallClock(Duration.ofHours(1));

        assertNull(scheduler.usage().get("acme|2026-11-21"));
        assertEquals(20L, scheduler.usage().get("acme|2026-11-22"));
    }
}
