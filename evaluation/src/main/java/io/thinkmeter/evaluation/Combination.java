package io.thinkmeter.evaluation;

import io.thinkmeter.contracts.BudgetTiers;
import io.thinkmeter.contracts.Level;
import io.thinkmeter.contracts.Method;
import io.thinkmeter.contracts.RequestValidator;
import io.thinkmeter.engine.decoding.BudgetPolicy;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * One setting an evaluation runs every problem under.
 *
 * @param method how thinking is controlled
 * @param budget B, the most tokens generated after the prompt
 * @param stopTemperature tau, for method ts only; null: the model's table chooses it from the budget
 * @param level TLDR level, for method tldr only; null: the budget's tier chooses it
 */
public record Combination(Method method, int budget, Double stopTemperature, Level level) {

    public Combination {
        if (!RequestValidator.budgetInRange(budget)) {
            throw new IllegalArgumentException("budget must be between 1 and " + RequestValidator.MAX_BUDGET
                    + " tokens, was " + budget);
        }
        if (stopTemperature != null && method != Method.TS) {
            throw new IllegalArgumentException("a stop temperature applies to method ts only, not " + method.wireName());
        }
        if (level != null && method != Method.TLDR) {
            throw new IllegalArgumentException("a level applies to method tldr only, not " + method.wireName());
        }
    }

    /**
     * The TLDR level a worker uses for this combination ({@link BudgetPolicy#level}): the one named, else
     * the budget's tier under {@code tiers}; null unless tldr.
     */
    public Level effectiveLevel(BudgetTiers tiers) {
        return BudgetPolicy.level(method, level, null, tiers, budget);
    }

    /**
     * Every method crossed with every budget, and with every tau (for ts) or level (for tldr); an
     * empty tau or level list means one run with the default. Duplicates are dropped, order kept.
     */
    public static List<Combination> expand(List<Method> methods, List<Integer> budgets, List<Double> taus,
                                           List<Level> levels) {
        if (methods.isEmpty() || budgets.isEmpty()) {
            throw new IllegalArgumentException("an evaluation needs at least one method and one budget");
        }
        Set<Combination> out = new LinkedHashSet<>();
        for (Method m : methods) {
            for (int b : budgets) {
                if (m == Method.TS && !taus.isEmpty()) {
                    taus.forEach(t -> out.add(new Combination(m, b, t, null)));
                } else if (m == Method.TLDR && !levels.isEmpty()) {
                    levels.forEach(l -> out.add(new Combination(m, b, null, l)));
                } else {
                    out.add(new Combination(m, b, null, null));
                }
            }
        }
        return new ArrayList<>(out);
    }
}
