package io.thinkmeter.contracts;

/**
 * Budgets sorted into the short, medium and long pools: where the scheduler routes a request that
 * names no level, and the TLDR level such a request runs at. Configured once, in the scheduler's
 * settings (defaults {@link #DEFAULTS}); the engine is handed the same value, so the two cannot disagree.
 * The defaults fit the tiny model, whose natural thinking runs from about 30 to 150 tokens.
 *
 * @param shortMax the largest budget that is short
 * @param mediumMax the largest budget that is medium; larger ones are long
 */
public record BudgetTiers(int shortMax, int mediumMax) {

    public static final BudgetTiers DEFAULTS = new BudgetTiers(64, 128);

    public BudgetTiers {
        if (shortMax < 1 || mediumMax <= shortMax) {
            throw new IllegalArgumentException("pool thresholds need 1 <= short max < medium max, got " + shortMax
                    + " and " + mediumMax);
        }
    }

    public Pool poolFor(int budget) {
        return budget <= shortMax ? Pool.SHORT : budget <= mediumMax ? Pool.MEDIUM : Pool.LONG;
    }

    /** The TLDR level of a request that names none: the level of the pool it runs in. */
    public static Level levelOf(Pool pool) {
        return Level.of(pool);
    }
}
