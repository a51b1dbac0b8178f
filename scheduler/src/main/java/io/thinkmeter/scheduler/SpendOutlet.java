package io.thinkmeter.scheduler;

import io.thinkmeter.contracts.ProblemRequest;
import io.thinkmeter.contracts.ReservationReleased;
import io.thinkmeter.contracts.SpendAlert;

/** Where the {@link SpendBook}'s decisions go: the topology writes them to their topics. */
public interface SpendOutlet {

    /** Admitted: its reservation is held; send it to its pool. */
    void route(String requestId, ProblemRequest request);

    /** Refused with an {@link io.thinkmeter.contracts.OverBudget} reason; nothing is held for it. */
    void refuse(String requestId, ProblemRequest request, String reason);

    void alert(SpendAlert alert);

    void released(ReservationReleased released);
}
