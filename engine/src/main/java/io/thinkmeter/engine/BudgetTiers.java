package io.thinkmeter.engine;

import io.thinkmeter.contracts.Level;

/**
 * Budgets sorted into short, medium and long: the TLDR level a request without an explicit level
 * gets, and the worker pool a budget routes to. Defaults fit the tiny model, whose natural thinking
 * runs from about 30 to 150 tokens.
 *
 * @param shortMax the largest budget that is short
 * @param mediumMax the largest budget that is medium; larger ones are long
 */
public record BudgetTiers(int shortMax, int mediumMax) {

    public BudgetTiers {
        if (shortMax < 1 || mediumMax <= shortMax) {
            throw new IllegalArgumentException("budget tiers need 1 <= shortMax < mediumMax, got " + shortMax + " and "
                    + mediumMax);
        }
    }

    public static BudgetTiers defaults() {
        return new BudgetTiers(64, 128);
    }

    public Level tierFor(int budget) {
        return budget <= shortMax ? Level.SHORT : budget <= mediumMax ? Level.MEDIUM : Level.LONG;
    }
}
