package io.thinkmeter.ingest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.InputStream;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The body of OpenAI's {@code POST /v1/batches}, read as strictly as every body ingest takes: each wrong
 * or unsupported field named, all at once.
 *
 * @param metadata up to 16 string pairs, in the order given; empty when none
 */
public record OpenAiBatchForm(String inputFileId, String endpoint, String completionWindow,
                              Map<String, String> metadata) {

    public static final String ENDPOINT = OpenAiBatchLine.CHAT_COMPLETIONS;
    public static final String COMPLETION_WINDOW = "24h";
    static final int MAX_METADATA_PAIRS = 16;
    static final int MAX_METADATA_KEY_CHARS = 64;
    static final int MAX_METADATA_VALUE_CHARS = 512;
    private static final Set<String> FIELDS = Set.of("input_file_id", "endpoint", "completion_window", "metadata");

    /** @throws ApiException 400 naming every problem; 413 over the body limit */
    public static OpenAiBatchForm read(InputStream body, HttpLimits http) {
        String text = RequestBody.read(body, http.maxBodyBytes()).text();
        List<String> problems = new ArrayList<>();
        ObjectNode json = JsonText.object(text, problems);
        if (json == null) {
            throw ApiException.badRequest("the body is not a JSON object", problems);
        }
        FieldReader f = new FieldReader(json, "", problems);
        f.rejectUnknown(FIELDS, "input_file_id, endpoint, completion_window, metadata (others are not supported)");
        String inputFileId = required(f, "input_file_id");
        String endpoint = required(f, "endpoint");
        if (endpoint != null && !ENDPOINT.equals(endpoint)) {
            f.problem("endpoint must be " + ENDPOINT + " (the one endpoint served), was '" + endpoint + "'");
        }
        String window = required(f, "completion_window");
        if (window != null && !COMPLETION_WINDOW.equals(window)) {
            f.problem("completion_window must be " + COMPLETION_WINDOW + ", was '" + window + "'");
        }
        Map<String, String> metadata = metadata(f, problems);
        if (!problems.isEmpty()) {
            throw ApiException.badRequest("the batch is invalid; nothing was created", problems);
        }
        return new OpenAiBatchForm(inputFileId, endpoint, window, metadata);
    }

    private static String required(FieldReader f, String field) {
        String value = f.text(field);
        if (value == null && !f.has(field)) {
            f.problem(field + " is required");
        }
        return value;
    }

    private static Map<String, String> metadata(FieldReader f, List<String> problems) {
        Map<String, String> metadata = new LinkedHashMap<>();
        FieldReader object = f.object("metadata");
        if (object == null) {
            return metadata;
        }
        JsonNode node = object.node();
        if (node.size() > MAX_METADATA_PAIRS) {
            problems.add("metadata may have at most " + MAX_METADATA_PAIRS + " pairs, has " + node.size());
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> pair = it.next();
            String key = pair.getKey();
            if (key.length() > MAX_METADATA_KEY_CHARS) {
                problems.add("metadata key '" + key.substring(0, MAX_METADATA_KEY_CHARS) + "...' is longer than "
                        + MAX_METADATA_KEY_CHARS + " characters");
            }
            JsonNode value = pair.getValue();
            if (!value.isTextual()) {
                problems.add("metadata." + key + " must be a string, was " + FieldReader.shown(value));
            } else if (value.textValue().length() > MAX_METADATA_VALUE_CHARS) {
                problems.add("metadata." + key + " is longer than " + MAX_METADATA_VALUE_CHARS + " characters");
            } else {
                metadata.put(key, value.textValue());
            }
        }
        return metadata;
    }
}
