package io.thinkmeter.ingest.openai;

import io.thinkmeter.contracts.Json;
import io.thinkmeter.ingest.OpenAiFileBatch;
import io.thinkmeter.storage.OpenAiBatches;
import io.thinkmeter.storage.StoredResults;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * OpenAI's batch object, every field the SDKs read (nulls written out, as OpenAI does). {@code usage} is
 * the ledger's, summed over the batch's stored results; {@code request_counts} counts input lines (a line
 * with {@code n} > 1 is one line of n requests): while the batch runs, the lines whose every request has
 * an outcome; once it ended, the lines of its output and error files.
 */
public record BatchObject(String id, String object, String endpoint, String model, Errors errors,
                          String inputFileId, String completionWindow, String status, String outputFileId,
                          String errorFileId, long createdAt, Long inProgressAt, Long expiresAt, Long finalizingAt,
                          Long completedAt, Long failedAt, Long expiredAt, Long cancellingAt, Long cancelledAt,
                          RequestCounts requestCounts, Map<String, String> metadata, Usage usage) {

    static final String OBJECT = "batch";

    public record Errors(String object, List<OpenAiFileBatch.LineError> data) {}

    public record RequestCounts(long total, long completed, long failed) {}

    public record Usage(long inputTokens, InputTokensDetails inputTokensDetails, long outputTokens,
                        OutputTokensDetails outputTokensDetails, long totalTokens) {

        static Usage of(StoredResults.BatchTotals t) {
            return new Usage(t.promptTokens(), new InputTokensDetails(0), t.generatedTokens(),
                    new OutputTokensDetails(t.thinkingTokens()), t.promptTokens() + t.generatedTokens());
        }
    }

    public record InputTokensDetails(long cachedTokens) {}

    public record OutputTokensDetails(long reasoningTokens) {}

    /**
     * @param progress lines with every outcome, while the batch runs; ignored once it ended
     * @param totals the stored results' sums; null when nothing was published
     */
    static BatchObject of(OpenAiBatches.Batch b, OpenAiBatches.LineCounts progress, StoredResults.BatchTotals totals) {
        boolean ended = b.completedLines() != null;
        RequestCounts counts = new RequestCounts(b.lineCount(), ended ? b.completedLines() : progress.completed(),
                ended ? b.failedLines() : progress.failed());
        Usage usage = totals == null ? new Usage(0, new InputTokensDetails(0), 0, new OutputTokensDetails(0), 0)
                : Usage.of(totals);
        return new BatchObject(b.id(), OBJECT, b.endpoint(), null, errors(b.errorsJson()), b.inputFileId(),
                b.completionWindow(), shownStatus(b.status()), b.outputFileId(), b.errorFileId(),
                b.createdAt().getEpochSecond(), seconds(b.inProgressAt()), seconds(b.expiresAt()),
                seconds(b.finalizingAt()), seconds(b.completedAt()), seconds(b.failedAt()), seconds(b.expiredAt()),
                seconds(b.cancellingAt()), seconds(b.cancelledAt()), counts, metadata(b.metadataJson()), usage);
    }

    /** Ours to OpenAI's: a batch whose window ran out is in progress until its unstarted requests are skipped. */
    static String shownStatus(String status) {
        return OpenAiBatches.EXPIRING.equals(status) ? OpenAiBatches.IN_PROGRESS : status;
    }

    static String errorsJson(List<OpenAiFileBatch.LineError> data) {
        return Json.text(new Errors("list", data));
    }

    private static Errors errors(String json) {
        if (json == null) {
            return null;
        }
        try {
            return Json.forServices().readValue(json, Errors.class);
        } catch (IOException e) {
            throw new UncheckedIOException("a stored batch's errors do not read back", e);
        }
    }

    @SuppressWarnings("unchecked")
    private static Map<String, String> metadata(String json) {
        if (json == null) {
            return null;
        }
        try {
            return Json.forServices().readValue(json, Map.class);
        } catch (IOException e) {
            throw new UncheckedIOException("a stored batch's metadata does not read back", e);
        }
    }

    private static Long seconds(Instant t) {
        return t == null ? null : t.getEpochSecond();
    }
}
