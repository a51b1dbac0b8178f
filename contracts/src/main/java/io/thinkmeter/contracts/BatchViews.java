package io.thinkmeter.contracts;

import java.time.Instant;
import java.util.List;

/** What ingest answers on its batch endpoints, and what a client reads back: one type on both sides. */
public final class BatchViews {

    private BatchViews() {}

    /**
     * @param requests how many requests the batch holds (its non-empty lines, samples counted)
     * @param idempotencyKey the key the batch was submitted under: resubmit with it, never twice charged
     */
    public record Accepted(String batchId, int requests, String idempotencyKey) {}

    /**
     * @param counts requests by state: submitted is request_count less those with a stored outcome
     * @param tokens tokens spent by the batch's stored results
     */
    public record Status(String batchId, int requestCount, Instant createdAt, String inputFormat, Counts counts,
                  Tokens tokens) {}

    public record Counts(long submitted, long done, long error, long rejected) {}

    /** @param total prompt + generated: everything the model processed for the batch */
    public record Tokens(long prompt, long generated, long thinking, long answer, long injected, long total) {}

    /** @param total how many results are stored for the batch, over all pages */
    public record ResultPage(String batchId, int page, int size, long total, List<ProblemResult> results) {}
}
