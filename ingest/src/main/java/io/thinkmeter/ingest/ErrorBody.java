package io.thinkmeter.ingest;

import com.fasterxml.jackson.annotation.JsonInclude;

import java.util.List;

/**
 * Every error reply: a short sentence and the problems, each naming the field (or line) and value.
 * A submission that may be retried also names its idempotency key (and batch id), so the retry is
 * recognised as the same submission.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ErrorBody(String error, List<String> problems, String idempotencyKey, String batchId) {

    public ErrorBody(String error, List<String> problems) {
        this(error, problems, null, null);
    }
}
