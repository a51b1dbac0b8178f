package io.thinkmeter.scheduler;

/**
 * What one budget holds in one period.
 *
 * @param settled tokens actually spent by requests that ended (their results' prompt + generated tokens)
 * @param reserved tokens held by requests admitted and not ended yet
 * @param alerted whether the soft-threshold alert was raised for this budget and period (once only)
 */
public record BudgetUsage(BudgetKey budget, long settled, long reserved, boolean alerted) {

    static BudgetUsage none(BudgetKey budget) {
        return new BudgetUsage(budget, 0, 0, false);
    }

    /** Settled and reserved together: what the limit is held against. */
    public long committed() {
        return settled + reserved;
    }

    BudgetUsage reserve(long tokens) {
        return new BudgetUsage(budget, settled, reserved + tokens, alerted);
    }

    /** Gives back a reservation; never below zero, should a period have been forgotten meanwhile. */
    BudgetUsage release(long tokens) {
        return new BudgetUsage(budget, settled, Math.max(0, reserved - tokens), alerted);
    }

    BudgetUsage charge(long tokens) {
        return new BudgetUsage(budget, settled + tokens, reserved, alerted);
    }

    BudgetUsage markAlerted() {
        return new BudgetUsage(budget, settled, reserved, true);
    }
}
