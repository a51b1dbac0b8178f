package io.thinkmeter.scheduler;

import io.thinkmeter.contracts.BudgetTiers;
import io.thinkmeter.contracts.Method;
import io.thinkmeter.contracts.Pool;
import io.thinkmeter.contracts.ProblemRequest;

/**
 * Picks the worker pool of a valid request: its explicit level when given, else its budget's tier.
 * A tldr request without a level gets its tier as the level too, so the level a TLDR model is asked
 * for follows the scheduler's configured thresholds, not a worker's defaults.
 */
public final class PoolRouter {

    private final BudgetTiers tiers;

    public PoolRouter(SchedulerConfig config) {
        this.tiers = config.tiers();
    }

    /** The request as routed: its pool set, and for tldr without a level, the level of that pool. */
    public ProblemRequest route(ProblemRequest request) {
        Pool pool = poolFor(request);
        ProblemRequest routed = request.withPool(pool);
        return request.method() == Method.TLDR && request.level() == null
                ? routed.withLevel(BudgetTiers.levelOf(pool)) : routed;
    }

    public Pool poolFor(ProblemRequest request) {
        // A caller who names a level has chosen how long the model may think; the budget only caps it.
        if (request.level() != null) {
            return request.level().pool();
        }
        return tiers.poolFor(request.budget());
    }
}
