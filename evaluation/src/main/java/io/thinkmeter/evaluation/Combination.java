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
 * @param minThinking s1's minimum thinking, for method budget-forcing only; null (or 0, read as null): none
 */
public record Combination(Method method, int budget, Double stopTemperature, Level level, Integer minThinking) {

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
        if (minThinking != null && minThinking < 0) {
            throw new IllegalArgumentException("a minimum thinking must be 0 or more tokens, was " + minThinking);
        }
        minThinking = minThinking == null || minThinking == 0 ? null : minThinking;
        if (minThinking != null && method != Method.BUDGET_FORCING) {
            throw new IllegalArgumentException("a minimum thinking applies to method budget-forcing only, not "
                    + method.wireName());
        }
        if (minThinking != null && minThinking >= budget) {
            // RequestValidator's rule, so the in-process run and the platform refuse the same combinations
            throw new IllegalArgumentException("a minimum thinking must be less than the budget (" + budget
                    + "), was " + minThinking);
        }
    }

    /** A combination without a minimum thinking. */
    public Combination(Method method, int budget, Double stopTemperature, Level level) {
        this(method, budget, stopTemperature, level, null);
    }

    /**
     * The TLDR level a worker uses for this combination ({@link BudgetPolicy#level}): the one named, else
     * the budget's tier under {@code tiers}; null unless tldr.
     */
    public Level effectiveLevel(BudgetTiers tiers) {
        return BudgetPolicy.level(method, level, null, tiers, budget);
    }

    /** {@link #expand(List, List, List, List, List)} without minimums. */
    public static List<Combination> expand(List<Method> methods, List<Integer> budgets, List<Double> taus,
                                           List<Level> levels) {
        return expand(methods, budgets, taus, levels, List.of());
    }

    /**
     * Every method crossed with every budget, and with every tau (for ts), level (for tldr) or minimum
     * thinking (for budget-forcing, 0 meaning none); an empty list means one run with the default.
     * Duplicates are dropped, order kept.
     */
    public static List<Combination> expand(List<Method> methods, List<Integer> budgets, List<Double> taus,
                                           List<Level> levels, List<Integer> minThinkings) {
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
                } else if (m == Method.BUDGET_FORCING && !minThinkings.isEmpty()) {
                    minThinkings.forEach(min -> out.add(new Combination(m, b, null, null, min)));
                } else {
                    out.add(new Combination(m, b, null, null));
                }
            }
        }
        return new ArrayList<>(out);
    }
}
