package io.thinkmeter.ingest;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * What ingest took in and turned away, for {@code /q/metrics}: the Prometheus names are
 * {@code thinkmeter_ingest_requests_accepted_total} and so on; refusals also as
 * {@code thinkmeter_ingest_rejections_total{reason}}, by the reply's summary ("the batch is too large").
 */
@ApplicationScoped
public class IngestMetrics {

    private final Counter requestsAccepted;
    private final Counter batchesAccepted;
    private final Counter requestsRejected;
    private final Counter batchesRejected;
    private final MeterRegistry registry;

    public IngestMetrics(MeterRegistry registry) {
        this.registry = registry;
        requestsAccepted = Counter.builder("thinkmeter.ingest.requests.accepted")
                .description("Requests whose Kafka transaction committed, single and in batches (not resubmissions)")
                .register(registry);
        batchesAccepted = Counter.builder("thinkmeter.ingest.batches.accepted")
                .description("Batches committed to Kafka with every request (not resubmissions)").register(registry);
        requestsRejected = Counter.builder("thinkmeter.ingest.requests.rejected")
                .description("Requests refused at ingest as invalid (every line of a refused batch counts)")
                .register(registry);
        batchesRejected = Counter.builder("thinkmeter.ingest.batches.rejected")
                .description("Batches refused at ingest for invalid lines or size").register(registry);
    }

    void accepted(int requests, boolean batch) {
        requestsAccepted.increment(requests);
        if (batch) {
            batchesAccepted.increment();
        }
    }

    /** @param refusal the reply: its summary, up to the first ';', is the reason (a fixed sentence per check) */
    void rejected(long requests, boolean batch, ApiException refusal) {
        String summary = refusal.getMessage();
        int end = summary.indexOf(';');
        Counter.builder("thinkmeter.ingest.rejections").tag("reason", end < 0 ? summary : summary.substring(0, end))
                .description("Submissions refused at ingest, by reason").register(registry).increment();
        requestsRejected.increment(requests);
        if (batch) {
            batchesRejected.increment();
        }
    }
}
