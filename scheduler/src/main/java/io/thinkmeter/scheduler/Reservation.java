package io.thinkmeter.scheduler;

import java.time.Instant;
import java.util.List;

/**
 * Tokens held for an admitted request until its result settles them or the reservation times out.
 *
 * @param tokens the prompt's upper bound plus the request's budget: the most it can spend
 * @param budgets every budget it was reserved in (limited or not), with their periods
 * @param reservedAt when it was admitted (wall clock): the timeout counts from here
 */
public record Reservation(String requestId, String tenant, String apiKeyId, String batch, long tokens,
                          List<BudgetKey> budgets, Instant reservedAt) {

    public Reservation {
        budgets = List.copyOf(budgets);
    }
}
