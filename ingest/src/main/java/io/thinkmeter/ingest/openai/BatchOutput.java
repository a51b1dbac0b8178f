package io.thinkmeter.ingest.openai;

import io.thinkmeter.contracts.Json;
import io.thinkmeter.contracts.OverBudget;
import io.thinkmeter.contracts.ProblemResult;
import io.thinkmeter.contracts.StopReason;
import io.thinkmeter.ingest.OpenAiFileBatch;
import io.thinkmeter.storage.OpenAiBatches;
import io.thinkmeter.storage.StoredResults;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The output and error files of an ended batch, in OpenAI's output-line form, one line per input line, in
 * input order: a line whose every request (every sample, for {@code n} > 1) was answered goes to the
 * output file as one {@code chat.completion} with a choice per sample; any other line goes to the error
 * file, with why (rejected over quota: 429; failed in the engine: 500; skipped because the batch was
 * cancelled or expired). So every input line is in exactly one of the two. Results are streamed from
 * PostgreSQL in input order, a line's samples at a time.
 */
final class BatchOutput {

    /** One line of either file. @param response null when the request never ran */
    record OutputLine(String id, String customId, Response response, Error error) {}

    record Response(int statusCode, String requestId, Object body) {}

    record Error(String code, String message) {}

    record ErrorBody(ErrorDetail error) {}

    record ErrorDetail(String message, String type, String param, String code) {}

    static final String BATCH_CANCELLED = "batch_cancelled";
    static final String BATCH_EXPIRED = "batch_expired";

    /** What one request came to: a result, a rejection, or (a batch ended early) nothing. */
    private record Outcome(String requestId, ProblemResult result, StoredResults.Rejection rejection) {

        boolean answered() {
            return result != null && result.error() == null && result.stopReason() != StopReason.CANCELLED;
        }
    }

    @FunctionalInterface
    private interface LineConsumer {
        void line(int index, List<Outcome> outcomes) throws IOException;
    }

    private final StoredResults results;
    private final OpenAiBatches.Batch batch;
    /** completed, cancelled or expired: what a request without any outcome is put down to */
    private final String ending;

    BatchOutput(StoredResults results, OpenAiBatches.Batch batch, String ending) {
        this.results = results;
        this.batch = batch;
        this.ending = ending;
    }

    OpenAiBatches.FileToWrite outputFile() {
        return new OpenAiBatches.FileToWrite(OpenAiIds.newFileId(), batch.id() + "_output.jsonl",
                out -> write(out, true));
    }

    OpenAiBatches.FileToWrite errorFile() {
        return new OpenAiBatches.FileToWrite(OpenAiIds.newFileId(), batch.id() + "_error.jsonl",
                out -> write(out, false));
    }

    private void write(OutputStream out, boolean answered) throws IOException {
        forEachLine((index, outcomes) -> {
            boolean all = outcomes.stream().allMatch(Outcome::answered);
            if (all == answered) {
                OutputLine line = all ? answer(index, outcomes) : failure(index, outcomes);
                out.write(Json.line(line).getBytes(StandardCharsets.UTF_8));
            }
        });
    }

    private OutputLine answer(int index, List<Outcome> outcomes) {
        String requestId = outcomes.get(0).requestId();
        List<ProblemResult> samples = outcomes.stream().map(Outcome::result).toList();
        ProblemResult first = samples.get(0);
        Instant created = first.timings() != null && first.timings().finishedAt() != null
                ? first.timings().finishedAt() : Instant.now();
        ChatCompletion body = ChatCompletion.of("chatcmpl-" + requestId, created, samples);
        return new OutputLine(lineId(requestId), customId(index), new Response(200, requestId, body), null);
    }

    private OutputLine failure(int index, List<Outcome> outcomes) {
        Outcome o = outcomes.stream().filter(x -> !x.answered()).findFirst().orElseThrow();
        String id = lineId(outcomes.get(0).requestId());
        if (o.rejection() != null) {
            String reason = o.rejection().reason();
            boolean overBudget = OverBudget.is(reason);
            String code = overBudget ? OpenAiError.INSUFFICIENT_QUOTA : "request_rejected";
            int status = overBudget ? 429 : 400;
            return new OutputLine(id, customId(index), new Response(status, o.requestId(),
                    new ErrorBody(new ErrorDetail(reason, overBudget ? OpenAiError.INSUFFICIENT_QUOTA
                            : OpenAiError.INVALID_REQUEST, null, code))), new Error(code, reason));
        }
        if (o.result() != null && o.result().stopReason() != StopReason.CANCELLED) {
            String message = "the request failed in the engine: " + o.result().error();
            return new OutputLine(id, customId(index), new Response(500, o.requestId(),
                    new ErrorBody(new ErrorDetail(message, "server_error", null, "server_error"))),
                    new Error("server_error", message));
        }
        boolean expired = o.result() != null ? o.result().error() != null && o.result().error().startsWith("expired")
                : OpenAiBatches.EXPIRED.equals(ending);
        String message = o.result() != null && o.result().error() != null ? o.result().error()
                : "no outcome was recorded for this request before the batch ended";
        return new OutputLine(id, customId(index), null, new Error(expired ? BATCH_EXPIRED : BATCH_CANCELLED, message));
    }

    private String customId(int index) {
        return batch.customIds()[index];
    }

    private static String lineId(String requestId) {
        return "batch_req_" + requestId.replace("-", "");
    }

    /** Every input line with the outcomes of its requests, in input order, a line at a time in memory. */
    private void forEachLine(LineConsumer each) throws IOException {
        int lines = batch.lineCount();
        if (lines == 0 || batch.batchId() == null) {
            return;
        }
        Map<Integer, StoredResults.Rejection> rejected = new HashMap<>();
        for (StoredResults.Rejection r : results.rejections(batch.tenant(), batch.batchId())) {
            rejected.put(r.sequence(), r);
        }
        Lines cursor = new Lines(each, rejected);
        results.forEach(batch.tenant(), batch.batchId(), cursor::accept);
        cursor.finish();
    }

    /** Gathers streamed results into lines and hands each line on once the stream has passed it. */
    private final class Lines {

        private final LineConsumer each;
        private final Map<Integer, StoredResults.Rejection> rejected;
        private int line;
        private ProblemResult[] slots;

        Lines(LineConsumer each, Map<Integer, StoredResults.Rejection> rejected) {
            this.each = each;
            this.rejected = rejected;
            this.slots = new ProblemResult[samples(0)];
        }

        void accept(ProblemResult r) throws IOException {
            Integer sequence = r.sequence();
            if (sequence == null || sequence < 0 || sequence >= batch.requestCount()) {
                return;
            }
            while (sequence >= start(line + 1)) {
                emit();
            }
            slots[sequence - start(line)] = r;
        }

        void finish() throws IOException {
            while (line < batch.lineCount()) {
                emit();
            }
        }

        private void emit() throws IOException {
            List<Outcome> outcomes = new ArrayList<>(slots.length);
            for (int k = 0; k < slots.length; k++) {
                int sequence = start(line) + k;
                StoredResults.Rejection rejection = slots[k] == null ? rejected.get(sequence) : null;
                String requestId = slots[k] != null ? slots[k].requestId()
                        : rejection != null ? rejection.requestId()
                        : OpenAiFileBatch.requestId(batch.batchId(), sequence);
                outcomes.add(new Outcome(requestId, slots[k], rejection));
            }
            each.line(line, outcomes);
            line++;
            slots = line < batch.lineCount() ? new ProblemResult[samples(line)] : new ProblemResult[0];
        }

        private int start(int index) {
            return index < batch.lineCount() ? batch.lineStarts()[index] : batch.requestCount();
        }

        private int samples(int index) {
            return start(index + 1) - start(index);
        }
    }
}
