package io.thinkmeter.scheduler;

import io.thinkmeter.contracts.ProblemRequest;
import io.thinkmeter.contracts.ReservationReleased;
import io.thinkmeter.contracts.SpendAlert;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** What a {@link SpendBook} decided, in order, for tests without Kafka. */
final class RecordingOutlet implements SpendOutlet {

    final List<String> routed = new ArrayList<>();
    final Map<String, String> refused = new LinkedHashMap<>();
    final List<SpendAlert> alerts = new ArrayList<>();
    final List<ReservationReleased> released = new ArrayList<>();

    @Override
    public void route(String requestId, ProblemRequest request) {
        routed.add(requestId);
    }

    @Override
    public void refuse(String requestId, ProblemRequest request, String reason) {
        refused.put(requestId, reason);
    }

    @Override
    public void alert(SpendAlert alert) {
        alerts.add(alert);
    }

    @Override
    public void released(ReservationReleased release) {
        released.add(release);
    }
}
