package io.thinkmeter.ingest;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.thinkmeter.contracts.Json;
import io.thinkmeter.contracts.RequestValidator;

import java.util.List;
import java.util.Map;

/**
 * Parses one JSON object from text, turning a syntax error into a problem that says where it is.
 * Strict where a lenient parser would guess: a key given twice is an error (which one was meant?),
 * not "the last wins"; and every string is checked for text PostgreSQL cannot hold, wherever it is.
 */
final class JsonText {

    // "{...} {...}" on one line is two objects where one was meant: refuse it rather than drop the second
    private static final ObjectReader READER = Json.forUsers().reader()
            .with(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .with(StreamReadFeature.STRICT_DUPLICATE_DETECTION);

    /** Numbers with a fraction kept as written (0.15 stays 0.15), for money, which a double would round. */
    private static final ObjectReader EXACT = READER.with(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);

    private JsonText() {}

    /** @return the object, or null after noting a problem in {@code problems} */
    static ObjectNode object(String text, List<String> problems) {
        return object(READER, text, problems);
    }

    /** As {@link #object(String, List)}, every number exact: read decimals with {@link FieldReader#decimal}. */
    static ObjectNode exactObject(String text, List<String> problems) {
        return object(EXACT, text, problems);
    }

    private static ObjectNode object(ObjectReader reader, String text, List<String> problems) {
        JsonNode node;
        try {
            node = reader.readTree(text);
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
        unstorable(node, "", problems);
        return (ObjectNode) node;
    }

    /**
     * Notes every string, and every field name, that PostgreSQL could not store, by its path
     * ({@code body.messages[0].content}), in the words the contract's validator uses for request fields.
     */
    private static void unstorable(JsonNode node, String path, List<String> problems) {
        if (node.isTextual()) {
            add(problems, RequestValidator.unstorable(path, node.textValue()));
        } else if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                unstorable(node.get(i), path + "[" + i + "]", problems);
            }
        } else if (node.isObject()) {
            for (Map.Entry<String, JsonNode> field : node.properties()) {
                String name = (path.isEmpty() ? "" : path + ".") + field.getKey();
                add(problems, RequestValidator.unstorable("the name of field " + name, field.getKey()));
                unstorable(field.getValue(), name, problems);
            }
        }
    }

    private static void add(List<String> problems, String problem) {
        if (problem != null) {
            problems.add(problem);
        }
    }
}
