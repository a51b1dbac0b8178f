package io.thinkmeter.workers.engine;

import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;

/**
 * The stop temperature for a TS request that names none, chosen from its budget: the smallest
 * budget threshold at or above the request's budget gives tau. Calibration (see the evaluation
 * issue) replaces the defaults with measured values.
 *
 * <p>Defaults, for the tiny model, whose natural thinking is about 30 to 150 tokens: budgets up to
 * 96 get tau 4 (stop at the first moderately likely chance), up to 160 get tau 2, larger ones tau 1
 * (the model is left alone and budget forcing is only a backstop).
 */
public final class StopTemperatureTable {

    private final NavigableMap<Integer, Double> byMaxBudget;

    public StopTemperatureTable(Map<Integer, Double> byMaxBudget) {
        if (byMaxBudget.isEmpty()) {
            throw new IllegalArgumentException("a stop temperature table needs at least one row");
        }
        byMaxBudget.forEach((budget, tau) -> {
            if (!(tau > 0) || Double.isInfinite(tau)) {
                throw new IllegalArgumentException("stop temperature for budget " + budget + " must be positive, was "
                        + tau);
            }
        });
        this.byMaxBudget = new TreeMap<>(byMaxBudget);
    }

    public static StopTemperatureTable defaults() {
        return new StopTemperatureTable(Map.of(96, 4.0, 160, 2.0, Integer.MAX_VALUE, 1.0));
    }

    public double forBudget(int budget) {
        Map.Entry<Integer, Double> row = byMaxBudget.ceilingEntry(budget);
        return row != null ? row.getValue() : byMaxBudget.lastEntry().getValue();
    }
}
