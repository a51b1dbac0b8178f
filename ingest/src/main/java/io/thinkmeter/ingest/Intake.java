package io.thinkmeter.ingest;

import io.thinkmeter.contracts.ProblemRequest;
import io.thinkmeter.storage.StorageException;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;
import java.util.List;

/**
 * Accepting work: parse, publish, and only then record and count. Nothing is published unless all of
 * it is valid, and nothing is reported accepted before Kafka acknowledged it.
 */
@ApplicationScoped
public class Intake {

    private final SubmittedTopic topic;
    private final BatchStore batches;
    private final RecentlyAccepted recent;
    private final IngestMetrics metrics;
    private final IngestConfig config;

    public Intake(SubmittedTopic topic, BatchStore batches, RecentlyAccepted recent, IngestMetrics metrics,
                  IngestConfig config) {
        this.topic = topic;
        this.batches = batches;
        this.recent = recent;
        this.metrics = metrics;
        this.config = config;
    }

    /** @return the published request (its id is the caller's handle) */
    public ProblemRequest submitOne(String body, String tenant) {
        ProblemRequest request;
        try {
            request = ProblemParser.parse(body, tenant, Instant.now());
        } catch (ApiException e) {
            metrics.rejected(1, false);
            throw e;
        }
        topic.publishAll(List.of(request));
        recent.add(request.id(), tenant);
        metrics.accepted(1, false);
        return request;
    }

    public ParsedBatch submitBatch(String body, String tenant, BatchDefaults defaults) {
        ParsedBatch batch;
        try {
            batch = BatchParser.parse(body, tenant, defaults, config.maxBatchLines(), Instant.now());
        } catch (ApiException e) {
            metrics.rejected(body == null ? 0 : body.lines().filter(l -> !l.isBlank()).count(), true);
            throw e;
        }
        topic.publishAll(batch.requests());
        // after the acks: a batches row promises that all of its requests are in the topic
        try {
            batches.insert(batch.id(), tenant, batch.inputFormat(), batch.requests().size());
        } catch (StorageException e) {
            // not the usual "retry later": the requests are in Kafka and will run; a resubmission would
            // run them twice, so the caller must hear exactly that
            throw new IllegalStateException("batch " + batch.id() + ": all " + batch.requests().size()
                    + " requests were accepted into Kafka and will run, but the batch record could not be "
                    + "written, so its status and results cannot be read by batch id; do not resubmit", e);
        }
        metrics.accepted(batch.requests().size(), true);
        return batch;
    }
}
