package io.thinkmeter.ingest;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.thinkmeter.contracts.Json;

import java.util.List;

/** Parses one JSON object from text, turning a syntax error into a problem that says where it is. */
final class JsonText {

    // "{...} {...}" on one line is two objects where one was meant: refuse it rather than drop the second
    private static final ObjectReader READER = Json.forUsers().reader()
            .with(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    private JsonText() {}

    /** @return the object, or null after noting a problem in {@code problems} */
    static ObjectNode object(String text, List<String> problems) {
        JsonNode node;
        try {
            node = READER.readTree(text);
        } catch (JsonProcessingException e) {
            JsonLocation at = e.getLocation();
            problems.add("not valid JSON: " + e.getOriginalMessage()
                    + (at == null ? "" : " (at column " + at.getColumnNr()
                    + (at.getLineNr() > 1 ? " of line " + at.getLineNr() : "") + ")"));
            return null;
        }
        if (node == null || node.isMissingNode()) {
            problems.add("no JSON object: the body is empty");
            return null;
        }
        if (!node.isObject()) {
            problems.add("must be a JSON object, was " + FieldReader.shown(node));
            return null;
        }
        return (ObjectNode) node;
    }
}
