package io.thinkmeter.ingest;

import io.thinkmeter.contracts.ProblemRequest;
import io.thinkmeter.ingest.openai.OpenAiRules;

import java.time.Instant;
import java.util.List;

/**
 * Turns a JSONL body into a batch: each non-empty line is one problem, in Thinkmeter's format or as an
 * OpenAI Batch API line (told apart line by line). All or nothing: one bad line and the whole batch is
 * refused with every bad line named, so a caller never has to work out which half went in.
 */
final class BatchParser {

    static final String THINKMETER = "thinkmeter";
    static final String OPENAI = "openai";
    static final String MIXED = "mixed";

    private BatchParser() {}

    /**
     * @param batchId derived from the idempotency key ({@link SubmissionIds#batch}); each request's id
     *                derives from it and the request's sequence
     * @param maxLines the most non-empty lines accepted
     * @param limits what the served model can take
     * @param rules how OpenAI lines are mapped
     * @throws ApiException 400 listing {@code line N: problem} for every bad line (N counts every line
     *         of the body from 1, as an editor does); 413 when there are more than {@code maxLines}
     */
    static ParsedBatch parse(String body, String tenant, String batchId, BatchDefaults defaults, int maxLines,
                             ModelLimits limits, OpenAiRules rules, Instant now) {
        List<String> lines = (body == null ? "" : body).lines().toList();
        long nonEmpty = lines.stream().filter(l -> !l.isBlank()).count();
        if (nonEmpty == 0) {
            throw ApiException.badRequest("the batch is empty; nothing was submitted",
                    List.of("the body must hold one JSON object per line"));
        }
        if (nonEmpty > maxLines) {
            throw new ApiException(413, "the batch is too large; nothing was submitted",
                    List.of("the body has " + nonEmpty + " non-empty lines; a batch may have at most " + maxLines
                            + " (thinkmeter.ingest.max-batch-lines): split it"));
        }
        BatchLineReader reader = new BatchLineReader(tenant, batchId, defaults, limits, now, false, rules);
        for (int i = 0; i < lines.size(); i++) {
            if (!lines.get(i).isBlank()) {
                reader.add(i + 1, lines.get(i));
            }
        }
        if (!reader.problems().isEmpty()) {
            throw ApiException.badRequest("the batch has invalid lines; nothing was submitted",
                    reader.problems().stream().map(p -> "line " + p.line() + ": " + p.message()).toList());
        }
        List<ProblemRequest> requests = reader.requests();
        if (requests.size() > maxLines) {
            throw new ApiException(413, "the batch is too large; nothing was submitted",
                    List.of("its lines ask for " + requests.size() + " requests with their samples; a batch may have"
                            + " at most " + maxLines + " (thinkmeter.ingest.max-batch-lines): split it"));
        }
        return new ParsedBatch(batchId, reader.inputFormat(), List.copyOf(requests));
    }
}
