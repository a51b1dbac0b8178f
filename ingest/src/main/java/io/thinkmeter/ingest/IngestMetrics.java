package io.thinkmeter.ingest;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * What ingest took in and turned away, for {@code /q/metrics}: the Prometheus names are
 * {@code thinkmeter_ingest_requests_accepted_total} and so on.
 */
@ApplicationScoped
public class IngestMetrics {

    private final Counter requestsAccepted;
    private final Counter batchesAccepted;
    private final Counter requestsRejected;
    private final Counter batchesRejected;

    public IngestMetrics(MeterRegistry registry) {
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

    void rejected(long requests, boolean batch) {
        requestsRejected.increment(requests);
        if (batch) {
            batchesRejected.increment();
        }
    }
}
