package io.thinkmeter.scheduler;

import io.thinkmeter.contracts.Pool;
import io.thinkmeter.contracts.ProblemRequest;

/** Picks the worker pool of a valid request: its explicit level when given, else its budget's tier. */
public final class PoolRouter {

    private final int shortMax;
    private final int mediumMax;

    public PoolRouter(SchedulerConfig config) {
        this.shortMax = config.shortMax();
        this.mediumMax = config.mediumMax();
    }

    public Pool poolFor(ProblemRequest request) {
        // A caller who names a level has chosen how long the model may think; the budget only caps it.
        if (request.level() != null) {
            return Pool.fromWireName(request.level());
        }
        int budget = request.budget();
        return budget <= shortMax ? Pool.SHORT : budget <= mediumMax ? Pool.MEDIUM : Pool.LONG;
    }
}
