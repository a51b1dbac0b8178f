package io.thinkmeter.scheduler;

import org.apache.kafka.streams.processor.api.FixedKeyProcessor;
import org.apache.kafka.streams.processor.api.FixedKeyProcessorContext;
import org.apache.kafka.streams.processor.api.FixedKeyRecord;
import org.apache.kafka.streams.state.WindowStore;
import org.apache.kafka.streams.state.WindowStoreIterator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Lets each request id through once. The same request can reach the submitted topic twice: a client
 * resubmits a batch under the same idempotency key (ingest derives the same request ids), or ingest's
 * transaction committed while its caller timed out and retried. Routing it again would run it twice
 * and reserve its budget twice; the first one stands. Settlements pass untouched (the books let each
 * result through once themselves).
 *
 * <p>Ids are remembered in a window store for the idempotency window; older ones expire with the
 * store's segments, so the store does not grow for ever. Runs on the stream keyed by tenant, where
 * every copy of an id meets the same task (ids derive from the tenant).
 */
final class FirstSubmissionOnly implements FixedKeyProcessor<String, SpendEvent, SpendEvent> {

    private static final Logger LOG = LoggerFactory.getLogger(FirstSubmissionOnly.class);

    private final long windowMillis;
    private FixedKeyProcessorContext<String, SpendEvent> context;
    private WindowStore<String, Long> seen;

    FirstSubmissionOnly(SchedulerConfig config) {
        this.windowMillis = config.idempotencyWindow().toMillis();
    }

    @Override
    public void init(FixedKeyProcessorContext<String, SpendEvent> context) {
        this.context = context;
        this.seen = context.getStateStore(SchedulerTopology.SEEN_STORE);
    }

    @Override
    public void process(FixedKeyRecord<String, SpendEvent> record) {
        KeyedRequest admission = record.value().admission();
        if (admission == null) {
            context.forward(record);
            return;
        }
        String id = admission.requestId();
        long at = record.timestamp();
        try (WindowStoreIterator<Long> earlier = seen.fetch(id, at - windowMillis, at + windowMillis)) {
            if (earlier.hasNext()) {
                LOG.info("request {} of tenant {} was submitted again; the first submission stands", id, record.key());
                return;
            }
        }
        seen.put(id, at, at);
        context.forward(record);
    }
}
