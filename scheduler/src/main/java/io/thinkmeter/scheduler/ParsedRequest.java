package io.thinkmeter.scheduler;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectReader;
import io.thinkmeter.contracts.DeadLetter;
import io.thinkmeter.contracts.Json;
import io.thinkmeter.contracts.ProblemRequest;
import io.thinkmeter.contracts.Topics;

/**
 * One submitted record's value, read as a {@link ProblemRequest} or kept as text with why it could not be.
 * Parsing inside the topology (not in a serde) lets an unreadable record become a dead letter with its
 * key and payload instead of stopping the stream thread.
 *
 * @param request the request, or null when the payload was unreadable
 * @param payload the record's value as it arrived
 * @param error why the payload is not a request, or null when it is
 */
public record ParsedRequest(ProblemRequest request, String payload, String error) {

    static final int DEAD_LETTER_SCHEMA_VERSION = 1;

    // Trailing text after the object would otherwise be ignored, letting "{...} garbage" through.
    private static final ObjectReader READER = Json.forServices().readerFor(ProblemRequest.class)
            .with(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    public static ParsedRequest parse(String payload) {
        if (payload == null || payload.isBlank()) {
            return new ParsedRequest(null, payload, "empty value: expected a ProblemRequest JSON object");
        }
        try {
            ProblemRequest request = READER.readValue(payload);
            if (request == null) {
                return new ParsedRequest(null, payload, "JSON null: expected a ProblemRequest JSON object");
            }
            return new ParsedRequest(request, payload, null);
        } catch (JsonProcessingException e) {
            return new ParsedRequest(null, payload, "not a ProblemRequest: " + e.getOriginalMessage() + at(e));
        }
    }

    public boolean readable() {
        return request != null;
    }

    public DeadLetter deadLetter(String key) {
        return new DeadLetter(DEAD_LETTER_SCHEMA_VERSION, Topics.SUBMITTED, key, payload, error);
    }

    private static String at(JsonProcessingException e) {
        JsonLocation where = e.getLocation();
        return where == null ? "" : " (line " + where.getLineNr() + ", column " + where.getColumnNr() + ")";
    }
}
