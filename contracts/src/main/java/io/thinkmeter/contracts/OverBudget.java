package io.thinkmeter.contracts;

/**
 * The refusal of a request that does not fit in a budget, worded in one place: the scheduler writes it
 * as the rejection's reason, ingest recognises it to answer HTTP 429, and people read it.
 * Example: {@code over budget: api key k_3f2 of tenant acme, day 2026-11-28 (UTC): limit 5000 tokens, 120 left;
 * this request may spend up to 208 (prompt at most 112 + budget 96)}.
 */
public final class OverBudget {

    /** How every over-budget reason starts. */
    public static final String PREFIX = "over budget: ";

    private OverBudget() {}

    /**
     * @param apiKeyId the key whose budget refused it; null when it was the tenant's
     * @param left what the budget had left, counting settled spend only
     * @param promptBound the most prompt tokens the request may have
     */
    public static String reason(String tenant, String apiKeyId, BudgetWindow window, String period, long limit,
                                long left, long promptBound, int budget) {
        String whose = apiKeyId == null ? "tenant " + tenant : "api key " + apiKeyId + " of tenant " + tenant;
        return PREFIX + whose + ", " + window.wireName() + " " + period + " (UTC): limit " + limit + " tokens, "
                + Math.max(0, left) + " left; this request may spend up to " + (promptBound + budget)
                + " (prompt at most " + promptBound + " + budget " + budget + ")";
    }

    /** Whether a rejection's reason is a budget's refusal. */
    public static boolean is(String reason) {
        return reason != null && reason.startsWith(PREFIX);
    }
}
