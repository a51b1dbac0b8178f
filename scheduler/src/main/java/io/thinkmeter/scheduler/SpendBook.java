package io.thinkmeter.scheduler;

import io.thinkmeter.contracts.OverBudget;
import io.thinkmeter.contracts.ProblemRequest;
import io.thinkmeter.contracts.ProblemResult;
import io.thinkmeter.contracts.ReservationReleased;
import io.thinkmeter.contracts.SpendAlert;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Reserve-then-settle: a request is admitted only when the most it can spend (its prompt's upper bound
 * plus its budget) fits in every budget it falls under, next to what was spent and what requests in flight
 * hold; its result then settles what it really spent and gives the rest back.
 *
 * <ul>
 *   <li>{@link #admit}: fits every budget: reserve and route. Cannot fit even with nothing in flight
 *       (settled + reservation over a limit): refuse, naming that budget. Otherwise park it, FIFO per
 *       (tenant, API key), behind any request of that queue already parked.</li>
 *   <li>{@link #settle}: once per request id; releases the reservation and charges the result's spent
 *       tokens to the reservation's budgets (to the result's own periods when none is held: the truth is
 *       charged whatever the books say); then retries the tenant's parked requests.</li>
 *   <li>{@link #expire}: releases reservations older than the timeout (a lost worker), then retries
 *       parked requests.</li>
 * </ul>
 * A parked request is blocked only by in-flight reservations, which settle or time out, so it is
 * admitted or refused in the end. Each limited budget raises one {@link SpendAlert} per period when its
 * settled + reserved tokens first reach its soft threshold.
 *
 * <p>Not thread-safe: one book per Kafka Streams task, on a stream keyed by tenant, so every event of a
 * tenant meets the same book in order.
 */
public final class SpendBook {

    private static final Logger LOG = LoggerFactory.getLogger(SpendBook.class);

    private final SpendState state;
    private final BudgetLimits limits;
    private final PromptBound promptBound;
    private final Duration reservationTimeout;
    private final Duration retention;
    private final SpendOutlet outlet;
    private final SpendObserver observer;

    public SpendBook(SpendState state, BudgetLimits limits, SchedulerConfig config, SpendOutlet outlet,
                     SpendObserver observer) {
        this.state = state;
        this.limits = limits;
        this.promptBound = config.promptBound();
        this.reservationTimeout = config.reservationTimeout();
        this.retention = config.idempotencyWindow();
        this.outlet = outlet;
        this.observer = observer;
    }

    /**
     * @param submittedAt the instant the request's budgets' periods are taken from: its own
     *        {@code submitted_at}, or its record's timestamp when absent
     * @param now the wall clock: when a reservation made now times out counts from here
     */
    public void admit(String requestId, ProblemRequest request, Instant submittedAt, Instant now) {
        ParkedRequest candidate = new ParkedRequest(requestId, request, submittedAt, now);
        ParkingQueue queue = new ParkingQueue(request.tenant(), request.apiKeyId());
        Verdict verdict = verdict(candidate);
        if (verdict.refusal() != null) {
            // refused at once even behind parked ones: waiting cannot change it
            outlet.refuse(requestId, request, verdict.refusal());
        } else if (verdict.fits() && state.parkedIn(queue) == 0) {
            reserve(candidate, now);
        } else {
            state.park(queue, candidate);
            observer.parked(request.tenant(), parkedOf(request.tenant()));
        }
    }

    /**
     * Settles a request's result, once per request id: a copy of a result already settled (a worker that
     * published again after a crash) changes nothing.
     */
    public void settle(ProblemResult result, Instant now) {
        String id = result.requestId();
        if (state.settled(id, now)) {
            LOG.debug("result of request {} (tenant {}) arrived again; it was settled once", id, result.tenant());
            return;
        }
        state.markSettled(id, now);
        long spent = result.spentTokens();
        Reservation reservation = state.reservation(id);
        List<BudgetKey> budgets;
        if (reservation != null) {
            state.removeReservation(reservation);
            budgets = reservation.budgets();
        } else {
            // timed out before (or never held here): charged in the periods it was submitted in, in full
            budgets = BudgetKey.of(result.tenant(), result.apiKeyId(), periodsInstantOf(result, now));
        }
        for (BudgetKey budget : budgets) {
            BudgetUsage usage = state.usage(budget).charge(spent);
            if (reservation != null) {
                usage = usage.release(reservation.tokens());
            }
            Long limit = record(usage, now);
            if (limit != null && usage.committed() > limit) {
                LOG.warn("budget {} overrun: {} settled + {} reserved > limit {} (request {} spent {} with {})",
                        budget, usage.settled(), usage.reserved(), limit, id, spent,
                        reservation == null ? "no reservation held: its reservation timed out" : "its reservation");
            }
        }
        retryParked(result.tenant(), now);
    }

    /** Releases reservations held longer than the timeout, then retries every parked request. */
    public void expire(Instant now) {
        Set<String> tenants = new LinkedHashSet<>();
        for (Reservation reservation : state.reservedUntil(now.minus(reservationTimeout))) {
            state.removeReservation(reservation);
            for (BudgetKey budget : reservation.budgets()) {
                record(state.usage(budget).release(reservation.tokens()), now);
            }
            outlet.released(new ReservationReleased(ReservationReleased.SCHEMA_VERSION, reservation.requestId(),
                    reservation.tenant(), reservation.apiKeyId(), reservation.batch(), reservation.tokens(),
                    "no result within " + reservationTimeout + " of admission: presumed lost worker;"
                            + " a later result is still charged in full",
                    reservation.reservedAt(), now));
            tenants.add(reservation.tenant());
        }
        for (ParkingQueue queue : state.queues()) {
            tenants.add(queue.tenant());
        }
        tenants.forEach(tenant -> retryParked(tenant, now));
    }

    /**
     * Forgets budgets whose period ended more than the retention ago (unless something is still reserved
     * in them) and settled ids older than the retention.
     */
    public void forgetOld(Instant now) {
        Instant cutoff = now.minus(retention);
        for (BudgetUsage usage : state.usages()) {
            if (usage.reserved() == 0 && usage.budget().periodEnd().isBefore(cutoff)) {
                state.forget(usage.budget());
            }
        }
        state.forgetSettledBefore(cutoff);
    }

    /** Reports every budget of the current periods and every parked count to the observer (after a restart). */
    public void report(Instant now) {
        for (BudgetUsage usage : state.usages()) {
            if (usage.budget().covers(now)) {
                observer.budget(usage, limits.limitOf(usage.budget()));
            }
        }
        state.queues().stream().map(ParkingQueue::tenant).distinct()
                .forEach(tenant -> observer.parked(tenant, parkedOf(tenant)));
    }

    /** Admits (or refuses) the tenant's parked requests, each queue in order, until one must wait on. */
    private void retryParked(String tenant, Instant now) {
        List<ParkingQueue> queues = state.queuesOf(tenant);
        if (queues.isEmpty()) {
            return;
        }
        for (ParkingQueue queue : queues) {
            for (ParkedRequest head = state.head(queue); head != null; head = state.head(queue)) {
                Verdict verdict = verdict(head);
                if (verdict.refusal() != null) {
                    state.popHead(queue);
                    outlet.refuse(head.requestId(), head.request(), verdict.refusal());
                } else if (verdict.fits()) {
                    state.popHead(queue);
                    reserve(head, now);
                } else {
                    break;
                }
            }
        }
        observer.parked(tenant, parkedOf(tenant));
    }

    private void reserve(ParkedRequest admitted, Instant now) {
        ProblemRequest request = admitted.request();
        long tokens = promptBound.of(request) + request.budget();
        List<BudgetKey> budgets = BudgetKey.of(request.tenant(), request.apiKeyId(), admitted.submittedAt());
        for (BudgetKey budget : budgets) {
            record(state.usage(budget).reserve(tokens), now);
        }
        state.putReservation(new Reservation(admitted.requestId(), request.tenant(), request.apiKeyId(),
                request.batch(), tokens, budgets, now));
        outlet.route(admitted.requestId(), request);
    }

    /** Stores a budget's new usage, raising its alert the first time it reaches the soft threshold; its limit. */
    private Long record(BudgetUsage usage, Instant now) {
        BudgetKey budget = usage.budget();
        Long limit = limits.limitOf(budget);
        if (limit != null && !usage.alerted()) {
            long threshold = limits.thresholdTokens(budget.tenant(), limit);
            if (usage.committed() >= threshold) {
                usage = usage.markAlerted();
                SpendAlert alert = new SpendAlert(SpendAlert.SCHEMA_VERSION, budget.tenant(), budget.apiKeyId(),
                        budget.window(), budget.period(), limit, threshold, usage.settled(), usage.reserved(), now);
                outlet.alert(alert);
                observer.alerted(alert);
            }
        }
        state.putUsage(usage);
        observer.budget(usage, limit);
        return limit;
    }

    private Verdict verdict(ParkedRequest candidate) {
        ProblemRequest request = candidate.request();
        long bound = promptBound.of(request);
        long tokens = bound + request.budget();
        boolean fits = true;
        for (BudgetKey budget : BudgetKey.of(request.tenant(), request.apiKeyId(), candidate.submittedAt())) {
            Long limit = limits.limitOf(budget);
            if (limit == null) {
                continue;
            }
            BudgetUsage usage = state.usage(budget);
            if (usage.settled() + tokens > limit) {
                return new Verdict(false, OverBudget.reason(budget.tenant(), budget.apiKeyId(), budget.window(),
                        budget.period(), limit, limit - usage.settled(), bound, request.budget()));
            }
            if (usage.committed() + tokens > limit) {
                fits = false;
            }
        }
        return new Verdict(fits, null);
    }

    private long parkedOf(String tenant) {
        return state.queuesOf(tenant).stream().mapToLong(state::parkedIn).sum();
    }

    /** The instant a result's periods are taken from: its submission, else its finish, else now. */
    private static Instant periodsInstantOf(ProblemResult result, Instant now) {
        if (result.timings() != null && result.timings().submittedAt() != null) {
            return result.timings().submittedAt();
        }
        if (result.timings() != null && result.timings().finishedAt() != null) {
            return result.timings().finishedAt();
        }
        return now;
    }

    /** @param refusal why it can never fit, or null */
    private record Verdict(boolean fits, String refusal) {}
}
