package io.thinkmeter.scheduler;

import java.time.Instant;
import java.util.List;

/**
 * Where the {@link SpendBook} keeps its books: budgets' usage per period, reservations of requests in
 * flight, ids of requests already settled, and the parked requests' queues. Kafka Streams' state stores
 * hold them in the topology ({@code StoreSpendState}); tests hold them in memory.
 */
public interface SpendState {

    /** The budget's usage; zero when nothing was counted in it. */
    BudgetUsage usage(BudgetKey budget);

    void putUsage(BudgetUsage usage);

    /** Every budget and period counted. */
    List<BudgetUsage> usages();

    void forget(BudgetKey budget);

    /** The request's reservation, null when it has none (never admitted, settled or released). */
    Reservation reservation(String requestId);

    void putReservation(Reservation reservation);

    void removeReservation(Reservation reservation);

    /** Reservations made at or before {@code cutoff}, oldest first. */
    List<Reservation> reservedUntil(Instant cutoff);

    /** Whether a result of the request was settled before (within the idempotency window of {@code now}). */
    boolean settled(String requestId, Instant now);

    void markSettled(String requestId, Instant now);

    /** Forgets settled ids marked before {@code cutoff} (a state whose store expires them itself does nothing). */
    void forgetSettledBefore(Instant cutoff);

    /** Appends to the queue's tail. */
    void park(ParkingQueue queue, ParkedRequest parked);

    /** The queue's oldest request, null when it is empty. */
    ParkedRequest head(ParkingQueue queue);

    /** Removes the queue's oldest request. */
    void popHead(ParkingQueue queue);

    long parkedIn(ParkingQueue queue);

    /** The tenant's queues that hold requests. */
    List<ParkingQueue> queuesOf(String tenant);

    /** Every queue that holds requests. */
    List<ParkingQueue> queues();
}
