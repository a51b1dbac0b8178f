package io.thinkmeter.scheduler.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.thinkmeter.contracts.BudgetWindow;
import io.thinkmeter.contracts.SpendAlert;
import io.thinkmeter.scheduler.BudgetKey;
import io.thinkmeter.scheduler.BudgetUsage;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;

/** The budgets' gauges read what the books reported last, for the current period only. */
class BudgetGaugesTest {

    static final Instant NOV_21 = Instant.parse("2026-11-21T10:00:00Z");
    final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    final BudgetGauges gauges = new BudgetGauges(registry, Clock.fixed(NOV_21, ZoneOffset.UTC));

    private double gauge(String name, String apiKey, String window) {
        return registry.get(name).tag("tenant", "acme").tag("api_key", apiKey).tag("window", window).gauge().value();
    }

    @Test
    void shouldExposeSettledReservedAndHeadroomOfLimitedBudgets() {
        gauges.budget(new BudgetUsage(new BudgetKey("acme", null, BudgetWindow.DAY, "2026-11-21"), 300, 200, false),
                1_000L);
        gauges.budget(new BudgetUsage(new BudgetKey("acme", "k1", BudgetWindow.MONTH, "2026-11"), 40, 0, false), null);

        assertEquals(300, gauge("thinkmeter.scheduler.budget.settled.tokens", "", "day"));
        assertEquals(200, gauge("thinkmeter.scheduler.budget.reserved.tokens", "", "day"));
        assertEquals(500, gauge("thinkmeter.scheduler.budget.headroom.tokens", "", "day"));
        assertEquals(40, gauge("thinkmeter.scheduler.budget.settled.tokens", "k1", "month"));
        assertNull(registry.find("thinkmeter.scheduler.budget.headroom.tokens").tag("api_key", "k1").gauge(),
                "an unlimited budget has no headroom");
    }

    @Test
    void shouldKeepTheLatestPeriodAndReadAnEarlierOneAsEmpty() {
        BudgetKey yesterday = new BudgetKey("acme", null, BudgetWindow.DAY, "2026-11-20");
        BudgetKey today = new BudgetKey("acme", null, BudgetWindow.DAY, "2026-11-21");
        gauges.budget(new BudgetUsage(yesterday, 900, 0, true), 1_000L);
        assertEquals(0, gauge("thinkmeter.scheduler.budget.settled.tokens", "", "day"));
        assertEquals(1_000, gauge("thinkmeter.scheduler.budget.headroom.tokens", "", "day"));

        gauges.budget(new BudgetUsage(today, 10, 20, false), 1_000L);
        gauges.budget(new BudgetUsage(yesterday, 950, 0, true), 1_000L); // a late result of yesterday
        assertEquals(10, gauge("thinkmeter.scheduler.budget.settled.tokens", "", "day"));
        assertEquals(970, gauge("thinkmeter.scheduler.budget.headroom.tokens", "", "day"));
    }

    @Test
    void shouldCountAlertsAndParkedRequests() {
        gauges.alerted(new SpendAlert(1, "acme", null, BudgetWindow.DAY, "2026-11-21", 1_000, 800, 0, 842, NOV_21));
        gauges.alerted(new SpendAlert(1, "acme", "k1", BudgetWindow.DAY, "2026-11-21", 100, 80, 0, 90, NOV_21));
        gauges.parked("acme", 3);
        gauges.parked("acme", 2);

        assertEquals(2, registry.get("thinkmeter.scheduler.spend.alerts").tag("tenant", "acme").tag("window", "day")
                .counter().count());
        assertEquals(2, registry.get("thinkmeter.scheduler.parked.requests").tag("tenant", "acme").gauge().value());
    }
}
