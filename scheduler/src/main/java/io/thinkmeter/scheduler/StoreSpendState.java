package io.thinkmeter.scheduler;

import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.api.ProcessingContext;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.WindowStore;
import org.apache.kafka.streams.state.WindowStoreIterator;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The {@link SpendState} in Kafka Streams' state stores (their changelogs make them survive a restart;
 * exactly-once keeps them in step with what was routed). Stores, all named in {@link SchedulerTopology}:
 * budgets by "tenant␟key␟window␟period"; reservations by request id, with an index by reservation time
 * ("%019d millis␟request id") so the timeout check reads only the expired ones; settled request ids in a
 * window store that expires them after the idempotency window by itself; parked requests by
 * "tenant␟key␟%019d sequence", and each queue's ends by "tenant␟key".
 */
final class StoreSpendState implements SpendState {

    private static final StringSerializer KEYS = new StringSerializer();
    private static final String SEP = BudgetKey.SEPARATOR;

    private final KeyValueStore<String, BudgetUsage> budgets;
    private final KeyValueStore<String, Reservation> reservations;
    private final KeyValueStore<String, String> reservationTimes;
    private final SettledIds settled;
    private final KeyValueStore<String, QueueEnds> queues;
    private final KeyValueStore<String, ParkedRequest> parked;

    StoreSpendState(ProcessingContext context, Duration idempotencyWindow) {
        this(context, SettledIds.in(context.getStateStore(SchedulerTopology.SETTLED_STORE), idempotencyWindow));
    }

    /** @param settled where settled ids are remembered (the window store, but for tests of the rest) */
    StoreSpendState(ProcessingContext context, SettledIds settled) {
        this.budgets = context.getStateStore(SchedulerTopology.BUDGETS_STORE);
        this.reservations = context.getStateStore(SchedulerTopology.RESERVATIONS_STORE);
        this.reservationTimes = context.getStateStore(SchedulerTopology.RESERVATION_TIMES_STORE);
        this.settled = settled;
        this.queues = context.getStateStore(SchedulerTopology.PARKING_QUEUES_STORE);
        this.parked = context.getStateStore(SchedulerTopology.PARKED_STORE);
    }

    /** Request ids whose result was settled, remembered for the idempotency window. */
    interface SettledIds {

        boolean contains(String requestId, Instant now);

        void add(String requestId, Instant now);

        /** In a window store, whose segments expire after the window by themselves. */
        static SettledIds in(WindowStore<String, Long> store, Duration window) {
            long windowMillis = window.toMillis();
            return new SettledIds() {
                @Override
                public boolean contains(String requestId, Instant now) {
                    long at = now.toEpochMilli();
                    try (WindowStoreIterator<Long> earlier = store.fetch(requestId, at - windowMillis, at + windowMillis)) {
                        return earlier.hasNext();
                    }
                }

                @Override
                public void add(String requestId, Instant now) {
                    store.put(requestId, now.toEpochMilli(), now.toEpochMilli());
                }
            };
        }
    }

    /**
     * The ends of one parking queue: sequence numbers of its oldest request and of the next one to park.
     * Jackson writes it, so it holds no method named like a property.
     */
    record QueueEnds(long head, long next) {

        long length() {
            return next - head;
        }
    }

    @Override
    public BudgetUsage usage(BudgetKey budget) {
        BudgetUsage usage = budgets.get(budget.storeKey());
        return usage == null ? BudgetUsage.none(budget) : usage;
    }

    @Override
    public void putUsage(BudgetUsage usage) {
        budgets.put(usage.budget().storeKey(), usage);
    }

    @Override
    public List<BudgetUsage> usages() {
        List<BudgetUsage> all = new ArrayList<>();
        try (KeyValueIterator<String, BudgetUsage> it = budgets.all()) {
            it.forEachRemaining(kv -> all.add(kv.value));
        }
        return all;
    }

    @Override
    public void forget(BudgetKey budget) {
        budgets.delete(budget.storeKey());
    }

    @Override
    public Reservation reservation(String requestId) {
        return reservations.get(requestId);
    }

    @Override
    public void putReservation(Reservation reservation) {
        reservations.put(reservation.requestId(), reservation);
        reservationTimes.put(timeKey(reservation), reservation.requestId());
    }

    @Override
    public void removeReservation(Reservation reservation) {
        reservations.delete(reservation.requestId());
        reservationTimes.delete(timeKey(reservation));
    }

    @Override
    public List<Reservation> reservedUntil(Instant cutoff) {
        List<Reservation> expired = new ArrayList<>();
        if (cutoff.toEpochMilli() < 0) {
            return expired;
        }
        // keys sort by their zero-padded millis, so the range holds exactly those made at or before the cutoff
        try (KeyValueIterator<String, String> it = reservationTimes.range(millis(0) + SEP,
                millis(cutoff.toEpochMilli()) + SEP + Character.MAX_VALUE)) {
            while (it.hasNext()) {
                Reservation reservation = reservations.get(it.next().value);
                if (reservation != null) {
                    expired.add(reservation);
                }
            }
        }
        return expired;
    }

    @Override
    public boolean settled(String requestId, Instant now) {
        return settled.contains(requestId, now);
    }

    @Override
    public void markSettled(String requestId, Instant now) {
        settled.add(requestId, now);
    }

    @Override
    public void forgetSettledBefore(Instant cutoff) {
        // the window store drops segments older than its retention by itself
    }

    @Override
    public void park(ParkingQueue queue, ParkedRequest request) {
        QueueEnds ends = ends(queue);
        parked.put(parkedKey(queue, ends.next()), request);
        queues.put(queue.storeKey(), new QueueEnds(ends.head(), ends.next() + 1));
    }

    @Override
    public ParkedRequest head(ParkingQueue queue) {
        QueueEnds ends = ends(queue);
        return ends.length() == 0 ? null : parked.get(parkedKey(queue, ends.head()));
    }

    @Override
    public void popHead(ParkingQueue queue) {
        QueueEnds ends = ends(queue);
        if (ends.length() == 0) {
            return;
        }
        parked.delete(parkedKey(queue, ends.head()));
        if (ends.length() == 1) {
            queues.delete(queue.storeKey()); // an empty queue leaves nothing behind
        } else {
            queues.put(queue.storeKey(), new QueueEnds(ends.head() + 1, ends.next()));
        }
    }

    @Override
    public long parkedIn(ParkingQueue queue) {
        return ends(queue).length();
    }

    @Override
    public List<ParkingQueue> queuesOf(String tenant) {
        List<ParkingQueue> of = new ArrayList<>();
        try (KeyValueIterator<String, QueueEnds> it = queues.prefixScan(tenant + SEP, KEYS)) {
            it.forEachRemaining(kv -> of.add(queueOf(kv)));
        }
        return of;
    }

    @Override
    public List<ParkingQueue> queues() {
        Set<ParkingQueue> all = new LinkedHashSet<>();
        try (KeyValueIterator<String, QueueEnds> it = queues.all()) {
            it.forEachRemaining(kv -> all.add(queueOf(kv)));
        }
        return new ArrayList<>(all);
    }

    private QueueEnds ends(ParkingQueue queue) {
        QueueEnds ends = queues.get(queue.storeKey());
        return ends == null ? new QueueEnds(0, 0) : ends;
    }

    private static ParkingQueue queueOf(KeyValue<String, QueueEnds> kv) {
        int at = kv.key.indexOf(SEP);
        String key = kv.key.substring(at + SEP.length());
        return new ParkingQueue(kv.key.substring(0, at), key.isEmpty() ? null : key);
    }

    private static String parkedKey(ParkingQueue queue, long sequence) {
        return queue.storeKey() + SEP + String.format("%019d", sequence);
    }

    private static String timeKey(Reservation reservation) {
        return millis(reservation.reservedAt().toEpochMilli()) + SEP + reservation.requestId();
    }

    private static String millis(long epochMillis) {
        return String.format("%019d", epochMillis);
    }
}
