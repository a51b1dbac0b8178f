package io.thinkmeter.scheduler;

import io.thinkmeter.contracts.ProblemRequest;
import io.thinkmeter.contracts.RejectedRequest;
import io.thinkmeter.contracts.ReservationReleased;
import io.thinkmeter.contracts.SpendAlert;
import io.thinkmeter.contracts.TenantQuota;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;

import java.time.Instant;

/**
 * Runs the {@link SpendBook} on the stream keyed by tenant: admissions and settlements in the order read,
 * and, on a wall-clock punctuation, the release of timed-out reservations and the forgetting of old
 * periods. Decisions leave keyed by request id (alerts by tenant), stamped with the record's timestamp
 * (the punctuation's time when it decided them).
 */
final class SpendProcessor implements Processor<String, SpendEvent, String, SpendOutcome>, SpendOutlet {

    private final SchedulerConfig config;
    private final SpendObserver observer;
    private ProcessorContext<String, SpendOutcome> context;
    private SpendBook book;
    private long stamp;

    SpendProcessor(SchedulerConfig config, SpendObserver observer) {
        this.config = config;
        this.observer = observer;
    }

    @Override
    public void init(ProcessorContext<String, SpendOutcome> context) {
        this.context = context;
        KeyValueStore<String, TenantQuota> quotas = context.getStateStore(SchedulerTopology.QUOTA_STORE);
        book = new SpendBook(new StoreSpendState(context, config.idempotencyWindow()),
                new BudgetLimits(config, quotas::get), config, this, observer);
        Instant now = Instant.ofEpochMilli(context.currentSystemTimeMs());
        book.report(now);
        // Wall-clock time, not stream time: a lost result produces no record to move stream time on, and
        // one record stamped far in the future must not time out every reservation.
        context.schedule(config.expiryCheckInterval(), PunctuationType.WALL_CLOCK_TIME, this::everyInterval);
    }

    @Override
    public void process(Record<String, SpendEvent> record) {
        stamp = record.timestamp();
        Instant now = Instant.ofEpochMilli(context.currentSystemTimeMs());
        SpendEvent event = record.value();
        if (event.admission() != null) {
            KeyedRequest keyed = event.admission();
            ProblemRequest request = keyed.request();
            Instant submittedAt = request.submittedAt() != null ? request.submittedAt()
                    : Instant.ofEpochMilli(record.timestamp());
            book.admit(keyed.requestId(), request, submittedAt, now);
        } else if (event.settlement() != null) {
            book.settle(event.settlement(), now);
        }
    }

    private void everyInterval(long wallClockMillis) {
        stamp = wallClockMillis;
        Instant now = Instant.ofEpochMilli(wallClockMillis);
        book.expire(now);
        book.forgetOld(now);
    }

    @Override
    public void route(String requestId, ProblemRequest request) {
        context.forward(new Record<>(requestId, new SpendOutcome(request, null, null, null), stamp));
    }

    @Override
    public void refuse(String requestId, ProblemRequest request, String reason) {
        RejectedRequest rejected = new RejectedRequest(SchedulerTopology.REJECTED_SCHEMA_VERSION, request, reason);
        context.forward(new Record<>(requestId, new SpendOutcome(null, rejected, null, null), stamp));
    }

    @Override
    public void alert(SpendAlert alert) {
        context.forward(new Record<>(alert.tenant(), new SpendOutcome(null, null, alert, null), stamp));
    }

    @Override
    public void released(ReservationReleased released) {
        context.forward(new Record<>(released.requestId(), new SpendOutcome(null, null, null, released), stamp));
    }
}
