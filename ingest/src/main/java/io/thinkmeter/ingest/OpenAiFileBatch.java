package io.thinkmeter.ingest;

import io.thinkmeter.contracts.ProblemRequest;
import io.thinkmeter.ingest.openai.OpenAiRules;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * An uploaded batch input file read as a batch: line by line from a stream (never the whole file as
 * text), each non-blank line an OpenAI batch line read by {@link BatchLineReader}. What OpenAI's Batches
 * API needs to know of it: every problem, in OpenAI's {@code errors.data} form, or else the requests to
 * publish and where each input line's requests begin.
 */
public final class OpenAiFileBatch {

    /** One entry of OpenAI's {@code errors.data}. @param line 1-based; null for the file as a whole */
    public record LineError(String code, Integer line, String message, String param) {}

    /**
     * The file read.
     *
     * @param lineStarts per non-blank input line, in order, the sequence of its first request
     * @param customIds per non-blank input line, its custom_id
     * @param errors empty when every line is good
     */
    public record Read(String batchId, int[] lineStarts, String[] customIds, List<ProblemRequest> requests,
                       List<LineError> errors) {

        public int requestCount() {
            return requests.size();
        }
    }

    static final String INVALID_JSON = "invalid_json_line";
    static final String DUPLICATE_ID = "duplicate_custom_id";
    static final String INVALID_REQUEST = "invalid_request";
    static final String TOO_MANY_REQUESTS = "too_many_requests";
    static final String EMPTY_FILE = "empty_file";
    static final String LINE_TOO_LONG = "line_too_long";

    private OpenAiFileBatch() {}

    /** The id of the internal batch's request at {@code sequence}: known even when its outcome is not. */
    public static String requestId(String batchId, int sequence) {
        return SubmissionIds.batchRequest(batchId, sequence);
    }

    /**
     * @param maxRequests the most requests the lines may ask for, samples counted
     * @param maxLineBytes the longest line read; a longer one is an error, skipped without holding it
     */
    static Read read(InputStream in, String tenant, String batchId, ModelLimits limits, OpenAiRules rules,
                     int maxRequests, int maxLineBytes, Instant now) throws IOException {
        BatchLineReader reader = new BatchLineReader(tenant, batchId, BatchDefaults.NONE, limits, now,
                true, rules);
        List<LineError> errors = new ArrayList<>();
        List<Integer> starts = new ArrayList<>();
        List<String> customIds = new ArrayList<>();
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        byte[] buffer = new byte[64 * 1024];
        int lineNumber = 1;
        boolean tooLong = false;
        for (int n; (n = in.read(buffer)) >= 0; ) {
            for (int i = 0; i < n; i++) {
                byte b = buffer[i];
                if (b == '\n') {
                    addLine(reader, line, tooLong, lineNumber++, maxLineBytes, errors, starts, customIds);
                    line.reset();
                    tooLong = false;
                } else if (line.size() < maxLineBytes) {
                    line.write(b);
                } else {
                    tooLong = true;
                }
            }
        }
        if (line.size() > 0 || tooLong) {
            addLine(reader, line, tooLong, lineNumber, maxLineBytes, errors, starts, customIds);
        }
        for (BatchLineReader.LineProblem p : reader.problems()) {
            errors.add(new LineError(code(p.kind()), p.line(), p.message(),
                    p.kind() == BatchLineReader.Kind.JSON ? null : param(p.message())));
        }
        errors.sort((a, b) -> Integer.compare(a.line() == null ? 0 : a.line(), b.line() == null ? 0 : b.line()));
        if (starts.isEmpty() && errors.isEmpty()) {
            errors.add(new LineError(EMPTY_FILE, null, "the input file has no lines: it must hold one JSON object "
                    + "(an OpenAI batch line) per line", "input_file_id"));
        }
        if (reader.requests().size() > maxRequests) {
            errors.add(new LineError(TOO_MANY_REQUESTS, null, "the lines ask for " + reader.requests().size()
                    + " requests with their samples (body.n); a batch may have at most " + maxRequests
                    + " (thinkmeter.ingest.max-batch-lines): split the file", null));
        }
        return new Read(batchId, starts.stream().mapToInt(Integer::intValue).toArray(),
                customIds.toArray(String[]::new), errors.isEmpty() ? List.copyOf(reader.requests()) : List.of(),
                List.copyOf(errors));
    }

    private static void addLine(BatchLineReader reader, ByteArrayOutputStream bytes, boolean tooLong, int lineNumber,
                                int maxLineBytes, List<LineError> errors, List<Integer> starts,
                                List<String> customIds) {
        if (tooLong) {
            errors.add(new LineError(LINE_TOO_LONG, lineNumber, "line " + lineNumber + " is longer than "
                    + maxLineBytes + " bytes (thinkmeter.ingest.max-body-size, the largest request body)", null));
            starts.add(reader.keepPlace());
            customIds.add(null);
            return;
        }
        String text;
        try {
            text = RequestBody.utf8(bytes.toByteArray());
        } catch (ApiException e) {
            errors.add(new LineError(INVALID_JSON, lineNumber, e.problems().get(0).replace("the body", "the line"),
                    null));
            starts.add(reader.keepPlace());
            customIds.add(null);
            return;
        }
        if (text.endsWith("\r")) {
            text = text.substring(0, text.length() - 1);
        }
        if (text.isBlank()) {
            return;
        }
        int first = reader.requests().size();
        reader.add(lineNumber, text);
        starts.add(first);
        ProblemRequest r = reader.requests().get(first);
        customIds.add(r == null ? null : customId(r, reader.requests().size() - first));
    }

    /** The line's custom_id: its first request's client id, without the sample suffix when it has samples. */
    private static String customId(ProblemRequest first, int samples) {
        String id = first.clientId();
        if (id == null || samples == 1) {
            return id;
        }
        return id.substring(0, id.length() - (Samples.SEPARATOR + "0").length());
    }

    private static String code(BatchLineReader.Kind kind) {
        return switch (kind) {
            case JSON -> INVALID_JSON;
            case DUPLICATE_ID -> DUPLICATE_ID;
            case INVALID -> INVALID_REQUEST;
        };
    }

    /** The field a problem names first ("body.messages[0].content must be ..."), as OpenAI's {@code param}. */
    static String param(String message) {
        int space = message.indexOf(' ');
        if (space <= 0) {
            return null;
        }
        String first = message.substring(0, space);
        return first.matches("[a-z_][a-z_0-9]*(\\.[a-z_][a-z_0-9]*|\\[\\d+])*") ? first : null;
    }
}
