package io.thinkmeter.scheduler;

import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The books in plain maps: the {@link SpendBook}'s state for tests without Kafka. */
final class InMemorySpendState implements SpendState {

    private final Map<BudgetKey, BudgetUsage> budgets = new LinkedHashMap<>();
    private final Map<String, Reservation> reservations = new LinkedHashMap<>();
    private final Map<String, Instant> settled = new HashMap<>();
    private final Map<ParkingQueue, ArrayDeque<ParkedRequest>> queues = new LinkedHashMap<>();

    @Override
    public BudgetUsage usage(BudgetKey budget) {
        return budgets.getOrDefault(budget, BudgetUsage.none(budget));
    }

    @Override
    public void putUsage(BudgetUsage usage) {
        budgets.put(usage.budget(), usage);
    }

    @Override
    public List<BudgetUsage> usages() {
        return new ArrayList<>(budgets.values());
    }

    @Override
    public void forget(BudgetKey budget) {
        budgets.remove(budget);
    }

    @Override
    public Reservation reservation(String requestId) {
        return reservations.get(requestId);
    }

    @Override
    public void putReservation(Reservation reservation) {
        reservations.put(reservation.requestId(), reservation);
    }

    @Override
    public void removeReservation(Reservation reservation) {
        reservations.remove(reservation.requestId());
    }

    @Override
    public List<Reservation> reservedUntil(Instant cutoff) {
        return reservations.values().stream().filter(r -> !r.reservedAt().isAfter(cutoff))
                .sorted(Comparator.comparing(Reservation::reservedAt)).toList();
    }

    @Override
    public boolean settled(String requestId, Instant now) {
        return settled.containsKey(requestId);
    }

    @Override
    public void markSettled(String requestId, Instant now) {
        settled.put(requestId, now);
    }

    @Override
    public void forgetSettledBefore(Instant cutoff) {
        settled.values().removeIf(at -> at.isBefore(cutoff));
    }

    @Override
    public void park(ParkingQueue queue, ParkedRequest parked) {
        queues.computeIfAbsent(queue, q -> new ArrayDeque<>()).addLast(parked);
    }

    @Override
    public ParkedRequest head(ParkingQueue queue) {
        ArrayDeque<ParkedRequest> q = queues.get(queue);
        return q == null ? null : q.peekFirst();
    }

    @Override
    public void popHead(ParkingQueue queue) {
        ArrayDeque<ParkedRequest> q = queues.get(queue);
        if (q != null) {
            q.pollFirst();
            if (q.isEmpty()) {
                queues.remove(queue);
            }
        }
    }

    @Override
    public long parkedIn(ParkingQueue queue) {
        ArrayDeque<ParkedRequest> q = queues.get(queue);
        return q == null ? 0 : q.size();
    }

    @Override
    public List<ParkingQueue> queuesOf(String tenant) {
        return queues.keySet().stream().filter(q -> q.tenant().equals(tenant)).toList();
    }

    @Override
    public List<ParkingQueue> queues() {
        return new ArrayList<>(queues.keySet());
    }

    /** Every reservation held now. */
    List<Reservation> reservations() {
        return new ArrayList<>(reservations.values());
    }
}
