package io.thinkmeter.scheduler;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectReader;
import io.thinkmeter.contracts.DeadLetter;
import io.thinkmeter.contracts.Json;
import io.thinkmeter.contracts.ProblemRequest;
import io.thinkmeter.contracts.Topics;
import io.thinkmeter.contracts.UnknownWireName;
import io.thinkmeter.contracts.WireNames;

import java.util.Optional;

/**
 * One submitted record's value, read as a {@link ProblemRequest} or kept as text with why it could not be.
 * A value the contract has no name for ({@code "method": "fast"}) is unreadable too: the request cannot
 * be held, stored or rejected as one, so it is dead-lettered with the sentence naming the field.
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
            // an unknown method or level: the sentence that names the field and the names it may take
            Optional<UnknownWireName> unknown = WireNames.cause(e);
            String why = unknown.isPresent() ? unknown.get().getMessage() : e.getOriginalMessage();
            return new ParsedRequest(null, payload, "not a ProblemRequest: " + why + at(e));
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
