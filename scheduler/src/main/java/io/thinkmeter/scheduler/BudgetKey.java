package io.thinkmeter.scheduler;

import io.thinkmeter.contracts.BudgetWindow;

import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

/**
 * One budget in one period: the tenant's own ({@code apiKeyId} null) or one of its API keys', for a UTC
 * day or month. What a request is charged to, and what its spend is counted under.
 *
 * @param period the window's period, {@code 2026-11-28} or {@code 2026-11} ({@link BudgetWindow#periodOf})
 */
public record BudgetKey(String tenant, String apiKeyId, BudgetWindow window, String period) {

    /** Between the parts of a store key: no tenant name, key id or period contains it. */
    static final String SEPARATOR = "\u001f";

    public BudgetKey {
        apiKeyId = keyIdOf(apiKeyId);
    }

    /** An API key id as budgets use it: an empty one names no key (so it cannot pass for the tenant's own). */
    static String keyIdOf(String apiKeyId) {
        return apiKeyId == null || apiKeyId.isEmpty() ? null : apiKeyId;
    }

    /**
     * The budgets a request of {@code tenant} through {@code apiKeyId} submitted {@code at} falls under: the
     * key's (when it has one) before the tenant's, so a refusal names the narrower budget first.
     */
    public static List<BudgetKey> of(String tenant, String apiKeyId, Instant at) {
        List<BudgetKey> budgets = new ArrayList<>(4);
        if (keyIdOf(apiKeyId) != null) {
            for (BudgetWindow w : BudgetWindow.values()) {
                budgets.add(new BudgetKey(tenant, apiKeyId, w, w.periodOf(at)));
            }
        }
        for (BudgetWindow w : BudgetWindow.values()) {
            budgets.add(new BudgetKey(tenant, null, w, w.periodOf(at)));
        }
        return budgets;
    }

    /** The first instant after the period: a budget is forgotten a retention after it. */
    public Instant periodEnd() {
        LocalDate first = window == BudgetWindow.DAY ? LocalDate.parse(period) : YearMonth.parse(period).atDay(1);
        return window.endOf(first.atStartOfDay(ZoneOffset.UTC).toInstant());
    }

    /** Whether {@code at} falls in this budget's period. */
    public boolean covers(Instant at) {
        return window.periodOf(at).equals(period);
    }

    /** The state-store key: tenant, key id ("" for the tenant's own), window and period. */
    String storeKey() {
        return tenant + SEPARATOR + (apiKeyId == null ? "" : apiKeyId) + SEPARATOR + window.wireName() + SEPARATOR
                + period;
    }
}
