package io.thinkmeter.scheduler.service;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.thinkmeter.contracts.BudgetWindow;
import io.thinkmeter.contracts.SpendAlert;
import io.thinkmeter.scheduler.BudgetKey;
import io.thinkmeter.scheduler.BudgetUsage;
import io.thinkmeter.scheduler.SpendObserver;

import java.time.Clock;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.ToLongFunction;

/**
 * The budgets as Prometheus sees them ({@code /q/metrics}), per tenant, API key ({@code api_key=""} for the
 * tenant's own) and window, for the current period: {@code thinkmeter_scheduler_budget_settled_tokens},
 * {@code _reserved_tokens} and, for limited budgets, {@code _headroom_tokens} (limit - settled - reserved);
 * {@code thinkmeter_scheduler_parked_requests{tenant}} and {@code thinkmeter_scheduler_spend_alerts_total}.
 * Kafka Streams' threads report into concurrent maps; the gauges read them when scraped. A budget last
 * reported for an earlier period reads as empty in the new one (headroom = its limit).
 */
final class BudgetGauges implements SpendObserver {

    private final MeterRegistry registry;
    private final Clock clock;
    private final ConcurrentMap<Line, Latest> budgets = new ConcurrentHashMap<>();
    private final ConcurrentMap<String, AtomicLong> parked = new ConcurrentHashMap<>();
    private final Set<Line> withGauges = ConcurrentHashMap.newKeySet();
    private final Set<Line> withHeadroom = ConcurrentHashMap.newKeySet();

    BudgetGauges(MeterRegistry registry) {
        this(registry, Clock.systemUTC());
    }

    BudgetGauges(MeterRegistry registry, Clock clock) {
        this.registry = registry;
        this.clock = clock;
    }

    /** One budget whatever its period: what a gauge's labels name. */
    private record Line(String tenant, String apiKey, BudgetWindow window) {

        Tags tags() {
            return Tags.of("tenant", tenant, "api_key", apiKey, "window", window.wireName());
        }
    }

    /** A budget's latest figures, in the period they belong to. */
    private record Latest(String period, Long limit, long settled, long reserved) {}

    @Override
    public void budget(BudgetUsage usage, Long limit) {
        BudgetKey key = usage.budget();
        Line line = new Line(key.tenant(), key.apiKeyId() == null ? "" : key.apiKeyId(), key.window());
        Latest now = new Latest(key.period(), limit, usage.settled(), usage.reserved());
        // a late result of an earlier period must not take the gauge back to that period
        Latest kept = budgets.merge(line, now, (old, fresh) -> old.period().compareTo(fresh.period()) > 0 ? old : fresh);
        if (withGauges.add(line)) {
            Gauge.builder("thinkmeter.scheduler.budget.settled.tokens", () -> current(line, Latest::settled))
                    .tags(line.tags()).description("tokens spent in the budget's current period").register(registry);
            Gauge.builder("thinkmeter.scheduler.budget.reserved.tokens", () -> current(line, Latest::reserved))
                    .tags(line.tags()).description("tokens reserved by requests in flight in the current period")
                    .register(registry);
        }
        if (kept.limit() != null && withHeadroom.add(line)) {
            Gauge.builder("thinkmeter.scheduler.budget.headroom.tokens", () -> headroom(line))
                    .tags(line.tags()).description("limit - settled - reserved in the current period")
                    .register(registry);
        }
    }

    @Override
    public void parked(String tenant, long requests) {
        parked.computeIfAbsent(tenant, t -> {
            AtomicLong count = new AtomicLong();
            Gauge.builder("thinkmeter.scheduler.parked.requests", count, AtomicLong::get).tag("tenant", t)
                    .description("requests waiting for in-flight reservations to settle").register(registry);
            return count;
        }).set(requests);
    }

    @Override
    public void alerted(SpendAlert alert) {
        registry.counter("thinkmeter.scheduler.spend.alerts", "tenant", alert.tenant(), "window",
                alert.window().wireName()).increment();
    }

    private double current(Line line, ToLongFunction<Latest> figure) {
        Latest latest = budgets.get(line);
        return latest == null || !inCurrentPeriod(line, latest) ? 0 : figure.applyAsLong(latest);
    }

    private double headroom(Line line) {
        Latest latest = budgets.get(line);
        if (latest == null || latest.limit() == null) {
            return Double.NaN;
        }
        return inCurrentPeriod(line, latest) ? latest.limit() - latest.settled() - latest.reserved() : latest.limit();
    }

    private boolean inCurrentPeriod(Line line, Latest latest) {
        return line.window().periodOf(clock.instant()).equals(latest.period());
    }
}
