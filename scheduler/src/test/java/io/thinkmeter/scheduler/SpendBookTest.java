package io.thinkmeter.scheduler;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.thinkmeter.contracts.BudgetWindow;
import io.thinkmeter.contracts.Method;
import io.thinkmeter.contracts.OverBudget;
import io.thinkmeter.contracts.ProblemRequest;
import io.thinkmeter.contracts.ProblemResult;
import io.thinkmeter.contracts.ReservationReleased;
import io.thinkmeter.contracts.SpendAlert;
import io.thinkmeter.contracts.StopReason;
import io.thinkmeter.contracts.TenantQuota;
import io.thinkmeter.contracts.TenantQuota.KeyBudget;
import io.thinkmeter.contracts.Timings;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Reserve-then-settle without Kafka: the books' decisions on small, hand-made streams. */
class SpendBookTest {

    static final Instant NOV_21 = Instant.parse("2026-11-21T10:00:00Z");
    /** Ten bytes: with no template allowance, a request reserves 10 + its budget. */
    static final String PROBLEM = "0123456789";

    final InMemorySpendState state = new InMemorySpendState();
    final RecordingOutlet out = new RecordingOutlet();
    final Map<String, TenantQuota> setThroughIngest = new HashMap<>();
    final Map<String, ProblemRequest> requests = new HashMap<>();
    SpendBook book;

    private void open(SchedulerConfig config) {
        SchedulerConfig exact = config.withPromptBound(new PromptBound(0, 0));
        book = new SpendBook(state, new BudgetLimits(exact, setThroughIngest::get), exact, out, SpendObserver.NONE);
    }

    private void admit(String id, String key, int budget) {
        admit(id, key, budget, NOV_21);
    }

    private void admit(String id, String key, int budget, Instant submittedAt) {
        ProblemRequest request = new ProblemRequest(ProblemRequest.SCHEMA_VERSION, id, null, "acme", "b1", null,
                PROBLEM, budget, Method.TS, null, null, null, null, 0, null, submittedAt).withApiKeyId(key);
        requests.put(id, request);
        book.admit(id, request, submittedAt, NOV_21);
    }

    /** The request's result: its whole prompt bound as prompt tokens (10) and {@code generated} after it. */
    private void settle(String id, int generated) {
        settle(id, generated, NOV_21.plusSeconds(60));
    }

    private void settle(String id, int generated, Instant now) {
        book.settle(result(requests.get(id), 10, generated, StopReason.NATURAL), now);
    }

    static ProblemResult result(ProblemRequest r, int prompt, int generated, StopReason stop) {
        return new ProblemResult(ProblemResult.SCHEMA_VERSION, r.id(), null, r.tenant(), r.batch(), null, "4",
                null, null, prompt, generated, 0, 0, generated, r.budget(), stop, "m", r.method(), null, null, null,
                "w1", new Timings(r.submittedAt(), null, NOV_21.plusSeconds(30), null, null), null, r.apiKeyId());
    }

    private BudgetUsage tenantDay() {
        return state.usage(new BudgetKey("acme", null, BudgetWindow.DAY, "2026-11-21"));
    }

    @Test
    void admitsWhatFitsParksWhatWouldFitOnceInFlightOnesSettleAndAdmitsItThen() {
        open(SchedulerConfig.defaults().withDefaultDailyQuota(300L));

        admit("r1", null, 90);
        admit("r2", null, 90);
        admit("r3", null, 90);
        admit("r4", null, 90);

        assertEquals(List.of("r1", "r2", "r3"), out.routed, "300 tokens hold exactly three reservations of 100");
        assertEquals(Map.of(), out.refused);
        assertEquals(new BudgetUsage(tenantDay().budget(), 0, 300, true), tenantDay());

        settle("r1", 30);
        assertEquals(List.of("r1", "r2", "r3"), out.routed, "40 settled + 200 reserved + 100 > 300: still parked");
        assertEquals(40, tenantDay().settled());
        assertEquals(200, tenantDay().reserved());

        settle("r2", 0);
        assertEquals(List.of("r1", "r2", "r3", "r4"), out.routed, "50 settled + 100 reserved + 100 fit");
        assertEquals(50, tenantDay().settled());
        assertEquals(200, tenantDay().reserved());
    }

    @Test
    void refusesWhatCannotFitEvenWithNothingInFlightNamingTheKeysBudgetInTheContractsWords() {
        setThroughIngest.put("acme", new TenantQuota(TenantQuota.SCHEMA_VERSION, "acme", 10_000L, null, null,
                Map.of("k1", new KeyBudget(150L, null))));
        open(SchedulerConfig.defaults());

        admit("r1", "k1", 90);
        settle("r1", 90);
        admit("r2", "k1", 90);

        assertEquals(List.of("r1"), out.routed);
        assertEquals(Map.of("r2", OverBudget.reason("acme", "k1", BudgetWindow.DAY, "2026-11-21", 150, 50, 10, 90)),
                out.refused);
        assertEquals("over budget: api key k1 of tenant acme, day 2026-11-21 (UTC): limit 150 tokens, 50 left;"
                + " this request may spend up to 100 (prompt at most 10 + budget 90)", out.refused.get("r2"));
        assertTrue(OverBudget.is(out.refused.get("r2")));
        admit("r3", "k2", 90);
        assertEquals(List.of("r1", "r3"), out.routed, "another key of the tenant has no such budget");
    }

    @Test
    void refusesAParkedRequestOnceSettledSpendAloneLeavesNoRoom() {
        open(SchedulerConfig.defaults().withDefaultDailyQuota(200L));

        admit("r1", null, 90);
        admit("r2", null, 90);
        admit("r3", null, 90);
        settle("r1", 90);
        assertEquals(List.of("r1", "r2"), out.routed);
        assertEquals(Map.of(), out.refused, "100 settled + 100 fit, once r2 is settled: parked");

        settle("r2", 40);

        assertEquals(List.of("r3"), List.copyOf(out.refused.keySet()));
        assertEquals(OverBudget.reason("acme", null, BudgetWindow.DAY, "2026-11-21", 200, 50, 10, 90),
                out.refused.get("r3"));
        assertEquals(new BudgetUsage(tenantDay().budget(), 150, 0, true), tenantDay());
    }

    @Test
    void keepsEachKeysParkedRequestsInOrderAndLetsOtherKeysPass() {
        open(SchedulerConfig.defaults().withDefaultDailyQuota(300L));

        admit("a1", "ka", 90);
        admit("a2", "ka", 90);
        admit("a3-big", "ka", 130);  // 140: 200 + 140 > 300, parked
        admit("a4-small", "ka", 40); // 50 would fit, but queues behind a3-big
        admit("b1", "kb", 40);       // another key's queue is empty: 250 fit

        assertEquals(List.of("a1", "a2", "b1"), out.routed);

        settle("a1", 0); // 10 settled + 150 reserved: a3-big's 140 fits, a4-small's 50 not yet
        assertEquals(List.of("a1", "a2", "b1", "a3-big"), out.routed);
        settle("a2", 0); // 20 settled + 190 reserved: a4-small's 50 fits
        assertEquals(List.of("a1", "a2", "b1", "a3-big", "a4-small"), out.routed);
        assertEquals(Map.of(), out.refused);
    }

    @Test
    void aResultDeliveredTwiceIsChargedOnce() {
        open(SchedulerConfig.defaults().withDefaultDailyQuota(1_000L));

        admit("r1", null, 90);
        settle("r1", 50);
        settle("r1", 50);
        settle("r1", 70);

        assertEquals(new BudgetUsage(tenantDay().budget(), 60, 0, false), tenantDay());
    }

    @Test
    void releasesAReservationWithoutAResultAfterTheTimeoutAndStillChargesALateResultInFull() {
        open(SchedulerConfig.defaults().withDefaultDailyQuota(200L).withReservationTimeout(Duration.ofHours(48)));

        admit("lost", null, 90);
        admit("r2", null, 90);
        admit("parked", null, 90);
        book.expire(NOV_21.plus(Duration.ofHours(47)));
        assertEquals(List.of(), out.released);

        book.expire(NOV_21.plus(Duration.ofHours(48)));

        assertEquals(2, out.released.size());
        ReservationReleased release = out.released.stream().filter(r -> r.requestId().equals("lost")).findFirst()
                .orElseThrow();
        assertEquals(new ReservationReleased(ReservationReleased.SCHEMA_VERSION, "lost", "acme", null, "b1", 100,
                "no result within PT48H of admission: presumed lost worker; a later result is still charged in full",
                NOV_21, NOV_21.plus(Duration.ofHours(48))), release);
        assertEquals(List.of("lost", "r2", "parked"), out.routed, "the release made room for the parked one");
        assertEquals(100, tenantDay().reserved());

        settle("lost", 90, NOV_21.plus(Duration.ofHours(50)));
        assertEquals(100, tenantDay().settled(), "charged in full, in the period it was submitted in");
        assertEquals(100, tenantDay().reserved());
    }

    @Test
    void raisesOneAlertPerBudgetAndPeriodWhenSettledAndReservedFirstReachTheSoftThreshold() {
        open(SchedulerConfig.defaults().withDefaultDailyQuota(1_000L).withDefaultMonthlyQuota(10_000L));

        admit("r1", null, 690); // 700
        assertEquals(List.of(), out.alerts);
        admit("r2", null, 90);  // 800: the day's 80 %
        admit("r3", null, 90);
        settle("r1", 690);
        admit("next-day", null, 790, NOV_21.plus(Duration.ofDays(1)));

        assertEquals(List.of(
                new SpendAlert(SpendAlert.SCHEMA_VERSION, "acme", null, BudgetWindow.DAY, "2026-11-21", 1_000, 800, 0,
                        800, NOV_21),
                new SpendAlert(SpendAlert.SCHEMA_VERSION, "acme", null, BudgetWindow.DAY, "2026-11-22", 1_000, 800, 0,
                        800, NOV_21)), out.alerts, "one per day; the month's 8,000 were not reached");
    }

    @Test
    void takesATenantsOwnSoftThresholdOverTheConfiguredOne() {
        setThroughIngest.put("acme", new TenantQuota(TenantQuota.SCHEMA_VERSION, "acme", 1_000L, null, 0.5, Map.of()));
        open(SchedulerConfig.defaults());

        admit("r1", null, 490);

        assertEquals(1, out.alerts.size());
        assertEquals(500, out.alerts.get(0).thresholdTokens());
    }

    @Test
    void countsUnlimitedBudgetsSoALimitSetLaterInThePeriodSeesWhatWasSpent() {
        open(SchedulerConfig.defaults());

        admit("r1", "k1", 90);
        settle("r1", 40);
        setThroughIngest.put("acme", new TenantQuota(TenantQuota.SCHEMA_VERSION, "acme", 100L));
        admit("r2", "k1", 90);

        assertEquals(List.of("r1"), out.routed);
        assertEquals(OverBudget.reason("acme", null, BudgetWindow.DAY, "2026-11-21", 100, 50, 10, 90),
                out.refused.get("r2"));
        assertEquals(50, state.usage(new BudgetKey("acme", "k1", BudgetWindow.MONTH, "2026-11")).settled());
    }

    @Test
    void chargesTheMonthAcrossDays() {
        open(SchedulerConfig.defaults().withDefaultMonthlyQuota(250L));

        admit("d1", null, 90, NOV_21);
        settle("d1", 90);
        admit("d2", null, 90, NOV_21.plus(Duration.ofDays(2)));
        settle("d2", 90);
        admit("d3", null, 90, NOV_21.plus(Duration.ofDays(3)));
        admit("december", null, 90, Instant.parse("2026-12-01T00:00:00Z"));

        assertEquals(List.of("d1", "d2", "december"), out.routed);
        assertEquals(OverBudget.reason("acme", null, BudgetWindow.MONTH, "2026-11", 250, 50, 10, 90),
                out.refused.get("d3"));
    }

    @Test
    void chargesAResultWithoutAReservationToThePeriodsItWasSubmittedIn() {
        open(SchedulerConfig.defaults());
        ProblemRequest earlier = new ProblemRequest(ProblemRequest.SCHEMA_VERSION, "old", null, "acme", null, null,
                PROBLEM, 90, Method.TS, null, null, null, null, 0, null, NOV_21.minus(Duration.ofDays(1)));

        book.settle(result(earlier, 12, 34, StopReason.NATURAL), NOV_21);

        assertEquals(46, state.usage(new BudgetKey("acme", null, BudgetWindow.DAY, "2026-11-20")).settled());
        assertEquals(46, state.usage(new BudgetKey("acme", null, BudgetWindow.MONTH, "2026-11")).settled());
    }

    @Test
    void takesAnEmptyKeyIdForNoKeyRatherThanABudgetOfItsOwn() {
        open(SchedulerConfig.defaults().withDefaultDailyQuota(1_000L));

        admit("r1", "", 90);

        assertEquals(List.of("r1"), out.routed);
        assertEquals(100, tenantDay().reserved());
        assertEquals(List.of(BudgetWindow.DAY, BudgetWindow.MONTH),
                state.usages().stream().map(u -> u.budget().window()).toList(), "the tenant's two budgets only");
    }

    @Test
    void forgetsPeriodsEndedLongerThanTheRetentionAgoButNotTheMonthStillOpen() {
        open(SchedulerConfig.defaults().withUsageRetentionDays(2));
        admit("r1", null, 90);
        settle("r1", 0);

        book.forgetOld(Instant.parse("2026-11-24T00:00:01Z"));

        assertNull(state.usages().stream().filter(u -> u.budget().window() == BudgetWindow.DAY).findAny()
                .orElse(null));
        assertEquals(10, state.usage(new BudgetKey("acme", null, BudgetWindow.MONTH, "2026-11")).settled());
    }
}
