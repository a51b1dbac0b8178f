package io.thinkmeter.scheduler;

import static io.thinkmeter.scheduler.SchedulerFixture.NOV_21;
import static io.thinkmeter.scheduler.SchedulerFixture.request;
import static io.thinkmeter.scheduler.SchedulerFixture.submittedAt;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.thinkmeter.contracts.BudgetWindow;
import io.thinkmeter.contracts.OverBudget;
import io.thinkmeter.contracts.ProblemRequest;
import io.thinkmeter.contracts.ProblemResult;
import io.thinkmeter.contracts.RejectedRequest;
import io.thinkmeter.contracts.ReservationReleased;
import io.thinkmeter.contracts.SpendAlert;
import io.thinkmeter.contracts.StopReason;
import io.thinkmeter.contracts.TenantQuota;
import io.thinkmeter.contracts.TenantQuota.KeyBudget;
import io.thinkmeter.contracts.Timings;
import org.apache.kafka.streams.KeyValue;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * Reserve-then-settle in the topology (TopologyTestDriver): requests admitted against their budgets,
 * parked and refused; results read back from the results topic settling them; timed-out reservations
 * released and alerts raised on their topics.
 */
class BudgetsTest {

    /** "Compute 478 + 356." is 18 bytes; the template allowances add 16 + 8. */
    static final long BOUND = 42;

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

    /** What a worker publishes for the request: {@code prompt} tokens and {@code generated} after them. */
    static ProblemResult result(ProblemRequest r, int prompt, int generated, StopReason stop) {
        return new ProblemResult(ProblemResult.SCHEMA_VERSION, r.id(), null, r.tenant(), r.batch(), null, "834", null,
                null, prompt, generated, 0, 0, generated, r.budget(), stop, "m", r.method(), null, null, null, "w1",
                new Timings(r.submittedAt(), null, r.submittedAt().plusSeconds(5), null, null), null, r.apiKeyId());
    }

    @Test
    void shouldAdmitWhatFitsParkWhatWouldFitOnceSettledAndAdmitItWhenAResultSettles() {
        start(SchedulerConfig.defaults().withDefaultDailyQuota(320L));
        ProblemRequest r1 = request("r1", "acme", 108);

        scheduler.submit(r1);                               // 150
        scheduler.submit(request("r2", "acme", 108));       // 300
        scheduler.submit(request("r3", "acme", 108));       // 450 > 320: waits for r1 or r2

        assertEquals(List.of("r1", "r2"), scheduler.accepted());
        assertEquals(List.of(), scheduler.rejected(), "parked, not refused");
        assertEquals(300, scheduler.tenantDay("acme", "2026-11-21").reserved());

        scheduler.result(result(r1, 18, 0, StopReason.NATURAL), NOV_21.plusSeconds(30));

        assertEquals(List.of("r3"), scheduler.accepted(), "18 settled + 150 + 150 reserved fit in 320");
        BudgetUsage day = scheduler.tenantDay("acme", "2026-11-21");
        assertEquals(18, day.settled());
        assertEquals(300, day.reserved());
    }

    @Test
    void shouldRefuseWhatCannotFitEvenWithNothingInFlightWithTheOverBudgetReason() {
        start(SchedulerConfig.defaults().withDefaultDailyQuota(100L));

        scheduler.submit(request("huge", "acme", 59));

        List<KeyValue<String, RejectedRequest>> rejected = scheduler.rejected();
        assertEquals(List.of("huge"), rejected.stream().map(kv -> kv.key).toList());
        assertEquals("over budget: tenant acme, day 2026-11-21 (UTC): limit 100 tokens, 100 left; this request may"
                + " spend up to 101 (prompt at most 42 + budget 59)", rejected.get(0).value.reason());
        assertTrue(OverBudget.is(rejected.get(0).value.reason()));
        assertEquals(request("huge", "acme", 59), rejected.get(0).value.request());
        assertEquals(0, scheduler.tenantDay("acme", "2026-11-21").reserved());
    }

    @Test
    void shouldEnforceBudgetsSetThroughIngestOverTheConfigurationWithTheKeysOwn() {
        start(SchedulerConfig.defaults().withDefaultDailyQuota(100L));
        scheduler.setTenantQuota("acme", new TenantQuota(TenantQuota.SCHEMA_VERSION, "acme", null, 10_000L, null,
                Map.of("k1", new KeyBudget(200L, null))));
        scheduler.setTenantQuota("beta", new TenantQuota(TenantQuota.SCHEMA_VERSION, "beta", null));

        scheduler.submit(request("k1-a", "acme", 100).withApiKeyId("k1"));   // 142 of k1's 200
        scheduler.submit(request("k1-b", "acme", 100).withApiKeyId("k1"));   // would fit k1 once k1-a settles
        scheduler.submit(request("k1-c", "acme", 200).withApiKeyId("k1"));   // 242 > 200: never
        scheduler.submit(request("k2-a", "acme", 500).withApiKeyId("k2"));   // k2 has no budget
        scheduler.submit(request("b1", "beta", 5_000));                      // beta's record: unlimited

        assertEquals(List.of("k1-a", "k2-a", "b1"), scheduler.accepted());
        List<KeyValue<String, RejectedRequest>> rejected = scheduler.rejected();
        assertEquals(List.of("k1-c"), rejected.stream().map(kv -> kv.key).toList());
        assertEquals(OverBudget.reason("acme", "k1", BudgetWindow.DAY, "2026-11-21", 200, 200, BOUND, 200),
                rejected.get(0).value.reason());
        assertEquals(142 + 542, scheduler.budget(new BudgetKey("acme", null, BudgetWindow.MONTH, "2026-11"))
                .reserved());
    }

    @Test
    void shouldTreatABudgetOfZeroSetThroughIngestAsNothingMayBeSpentNotAsUnlimited() {
        start(SchedulerConfig.defaults().withDefaultDailyQuota(0L));               // configuration: 0 = unlimited
        scheduler.setTenantQuota("acme", new TenantQuota(TenantQuota.SCHEMA_VERSION, "acme", null, null, null,
                Map.of("frozen", new KeyBudget(0L, null))));

        scheduler.submit(request("free", "acme", 100).withApiKeyId("open"));
        scheduler.submit(request("stopped", "acme", 1).withApiKeyId("frozen"));
        scheduler.submit(request("any", "other", 5_000));                        // no record: the configuration

        assertEquals(List.of("free", "any"), scheduler.accepted());
        List<KeyValue<String, RejectedRequest>> rejected = scheduler.rejected();
        assertEquals(List.of("stopped"), rejected.stream().map(kv -> kv.key).toList());
        assertEquals(OverBudget.reason("acme", "frozen", BudgetWindow.DAY, "2026-11-21", 0, 0, BOUND, 1),
                rejected.get(0).value.reason());
    }

    @Test
    void shouldSettleEachResultOnceAndReleaseWhatACancelledOrFailedRequestDidNotSpend() {
        start(SchedulerConfig.defaults().withDefaultDailyQuota(1_000L));
        ProblemRequest done = request("done", "acme", 100);
        ProblemRequest cancelled = request("cancelled", "acme", 100);
        ProblemRequest failed = request("failed", "acme", 100);
        scheduler.submit(done);
        scheduler.submit(cancelled);
        scheduler.submit(failed);

        scheduler.result(result(done, 18, 77, StopReason.NATURAL), NOV_21.plusSeconds(10));
        scheduler.result(result(done, 18, 77, StopReason.NATURAL), NOV_21.plusSeconds(20)); // a worker's republish
        scheduler.result(result(cancelled, 0, 0, StopReason.CANCELLED), NOV_21.plusSeconds(30));
        scheduler.result(result(failed, 0, 0, StopReason.ERROR), NOV_21.plusSeconds(40));

        BudgetUsage day = scheduler.tenantDay("acme", "2026-11-21");
        assertEquals(95, day.settled());
        assertEquals(0, day.reserved());
    }

    @Test
    void shouldSkipResultsThatCannotBeReadOrNameNoTenant() {
        start(SchedulerConfig.defaults().withDefaultDailyQuota(1_000L));
        ProblemRequest r1 = request("r1", "acme", 100);
        scheduler.submit(r1);

        scheduler.resultRaw("x", "not json", NOV_21);
        scheduler.resultRaw("y", null, NOV_21);
        scheduler.resultRaw("r1", "{\"request_id\": \"r1\", \"prompt_tokens\": 5}", NOV_21);
        scheduler.result(result(r1, 18, 2, StopReason.NATURAL), NOV_21.plusSeconds(1));

        assertEquals(new BudgetUsage(new BudgetKey("acme", null, BudgetWindow.DAY, "2026-11-21"), 20, 0, false),
                scheduler.tenantDay("acme", "2026-11-21"));
        assertEquals(List.of(), scheduler.deadLetters(), "the sink dead-letters results, not the scheduler");
    }

    @Test
    void shouldReleaseAReservationWithoutAResultAfterTheTimeoutAndChargeALateResultInFull() {
        start(SchedulerConfig.defaults().withDefaultDailyQuota(200L).withReservationTimeout(Duration.ofHours(1)));
        ProblemRequest lost = request("lost", "acme", 100);
        scheduler.submit(lost);
        scheduler.submit(request("parked", "acme", 100));
        assertEquals(List.of("lost"), scheduler.accepted());

        scheduler.advanceWallClock(Duration.ofMinutes(61));

        List<KeyValue<String, ReservationReleased>> releases = scheduler.releases();
        assertEquals(1, releases.size());
        assertEquals("lost", releases.get(0).key);
        ReservationReleased released = releases.get(0).value;
        assertEquals(142, released.reservedTokens());
        assertEquals("no result within PT1H of admission: presumed lost worker; a later result is still charged"
                + " in full", released.reason());
        assertEquals(NOV_21, released.reservedAt());
        assertEquals(List.of("parked"), scheduler.accepted(), "the release made room for the parked one");

        scheduler.result(result(lost, 18, 100, StopReason.MAX_TOKENS), NOV_21.plus(Duration.ofHours(2)));
        BudgetUsage day = scheduler.tenantDay("acme", "2026-11-21");
        assertEquals(118, day.settled(), "the late result is charged, in the day it was submitted");
        assertEquals(142, day.reserved());
    }

    @Test
    void shouldRaiseOneAlertWhenABudgetFirstReachesItsSoftThreshold() {
        start(SchedulerConfig.defaults().withDefaultDailyQuota(1_000L));

        scheduler.submit(request("r1", "acme", 700));   // 742
        scheduler.submit(request("r2", "acme", 58));    // 842 >= 800
        scheduler.submit(request("r3", "acme", 58));

        List<KeyValue<String, SpendAlert>> alerts = scheduler.alerts();
        assertEquals(1, alerts.size());
        assertEquals("acme", alerts.get(0).key);
        assertEquals(new SpendAlert(SpendAlert.SCHEMA_VERSION, "acme", null, BudgetWindow.DAY, "2026-11-21", 1_000,
                800, 0, 842, NOV_21), alerts.get(0).value);
    }

    @Test
    void shouldCountBudgetsPerUtcDayOfSubmission() {
        start(SchedulerConfig.defaults().withDefaultDailyQuota(150L));

        scheduler.submit(submittedAt(request("late", "acme", 100), Instant.parse("2026-11-21T23:59:59Z")));
        scheduler.submit(submittedAt(request("next-day", "acme", 100), Instant.parse("2026-11-22T00:00:00Z")));
        scheduler.submit(submittedAt(request("no-time", "acme", 100), null), Instant.parse("2026-11-23T08:00:00Z"));

        assertEquals(List.of("late", "next-day", "no-time"), scheduler.accepted());
        assertEquals(142, scheduler.tenantDay("acme", "2026-11-23").reserved(), "the record's timestamp's day");
    }

    @Test
    void shouldApplyPerTenantOverridesWhereZeroIsUnlimited() {
        start(SchedulerConfig.defaults().withDefaultDailyQuota(100L).withTenantDailyQuota("big", 500)
                .withTenantDailyQuota("free", 0));

        scheduler.submit(request("big-1", "big", 400));
        scheduler.submit(request("small-1", "small", 101));
        scheduler.submit(request("free-1", "free", 100_000));

        assertEquals(List.of("big-1", "free-1"), scheduler.accepted());
        assertEquals(List.of("small-1"), scheduler.rejected().stream().map(kv -> kv.key).toList());
    }

    @Test
    void shouldForgetPeriodsEndedLongerThanTheRetentionAgo() {
        scheduler = new SchedulerFixture(SchedulerConfig.defaults().withUsageRetentionDays(2), stateDir,
                Instant.parse("2026-11-24T12:00:00Z"));
        ProblemRequest old = submittedAt(request("old", "acme", 10), Instant.parse("2026-11-21T12:00:00Z"));
        ProblemRequest kept = submittedAt(request("kept", "acme", 20), Instant.parse("2026-11-22T12:00:00Z"));
        scheduler.submit(old);
        scheduler.submit(kept);
        scheduler.result(result(old, 18, 10, StopReason.NATURAL), NOV_21.plusSeconds(1));
        scheduler.result(result(kept, 18, 20, StopReason.NATURAL), NOV_21.plusSeconds(2));

        scheduler.advanceWallClock(Duration.ofMinutes(1));

        assertEquals(0, scheduler.tenantDay("acme", "2026-11-21").settled());
        assertEquals(38, scheduler.tenantDay("acme", "2026-11-22").settled());
        assertEquals(66, scheduler.budget(new BudgetKey("acme", null, BudgetWindow.MONTH, "2026-11")).settled());
    }
}
