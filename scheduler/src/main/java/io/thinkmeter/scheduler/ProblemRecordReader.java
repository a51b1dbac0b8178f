package io.thinkmeter.scheduler;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectReader;
import io.thinkmeter.contracts.Json;
import io.thinkmeter.contracts.Level;
import io.thinkmeter.contracts.Method;
import io.thinkmeter.contracts.ProblemRecord;
import io.thinkmeter.contracts.RequestValidator;
import io.thinkmeter.contracts.SamplingOptions;
import io.thinkmeter.contracts.Topics;
import io.thinkmeter.contracts.WireName;
import io.thinkmeter.contracts.WireNames;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Reads a {@link ProblemRecord} from a record's value as strictly as ingest reads a problem: an unknown
 * field ("budjet", or "tenant", which the topic or header gives) is a problem, not a silently ignored
 * value; a field of the wrong type ("budget": "lots", 48.5) is a problem, not a coercion; a key given
 * twice is refused. Every wrong field is noted, so one rejection names them all. Text that is not one
 * JSON object at all is {@link Read#unreadable}: there is no problem in it to reject.
 */
final class ProblemRecordReader {

    static final String FIELD_LIST = "problem, budget, method, level, client_id, batch, stop_temperature, "
            + "answer_reserve, min_thinking, sampling, priority, schema_version";
    private static final Set<String> FIELDS = Set.of("schema_version", "problem", "budget", "method", "level",
            "client_id", "batch", "stop_temperature", "answer_reserve", "min_thinking", "sampling", "priority");
    private static final Set<String> SAMPLING_FIELDS = Set.of("temperature", "top_k", "top_p", "seed");
    static final String BUDGET_TYPE = "a whole number of tokens, 1 to " + RequestValidator.MAX_BUDGET;
    static final String BUDGET_REQUIRED = "budget is required: the most tokens the model may generate, 1 to "
            + RequestValidator.MAX_BUDGET;
    private static final int SHOWN_CHARS = 60;

    private static final ObjectReader READER = Json.forUsers().reader()
            .with(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .with(StreamReadFeature.STRICT_DUPLICATE_DETECTION);

    /**
     * @param record the problem, its wrong fields left null; null when the value is not a JSON object
     * @param problems a sentence for each wrong field
     * @param unreadable the fields given but not readable (their problem noted), so nobody says "required"
     * @param unreadableWhy why the value is no JSON object at all, or null
     */
    record Read(ProblemRecord record, List<String> problems, Set<String> unreadable, String unreadableWhy) {

        boolean readable() {
            return record != null;
        }
    }

    private ProblemRecordReader() {}

    static Read read(String value) {
        if (value == null || value.isBlank()) {
            return unreadable("empty value: expected a problem JSON object (" + FIELD_LIST + ")");
        }
        JsonNode node;
        try {
            node = READER.readTree(value);
        } catch (JsonProcessingException e) {
            JsonLocation at = e.getLocation();
            return unreadable("not JSON: " + e.getOriginalMessage()
                    + (at == null ? "" : " (line " + at.getLineNr() + ", column " + at.getColumnNr() + ")"));
        }
        if (node == null || !node.isObject()) {
            return unreadable("not a JSON object: expected a problem (" + FIELD_LIST + "), was " + shown(node));
        }
        Fields f = new Fields(node, "");
        for (Iterator<String> names = node.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!FIELDS.contains(name)) {
                f.problems.add("unknown field " + quotedName(name) + "; the fields are " + FIELD_LIST
                        + (name.equals("tenant") ? " (the tenant is the topic's, or the " + Topics.TENANT_HEADER + " header's)" : ""));
            }
        }
        ProblemRecord record = new ProblemRecord(f.integer("schema_version", "a whole number"), f.text("problem"),
                f.integer("budget", BUDGET_TYPE), f.named("method", Method.class), f.named("level", Level.class),
                f.text("client_id"), f.text("batch"), f.number("stop_temperature"),
                f.integer("answer_reserve", "a whole number"), sampling(f), f.integer("priority", "a whole number"),
                f.integer("min_thinking", "a whole number"));
        if (record.budget() == null && !f.unreadable.contains("budget")) {
            f.problems.add(BUDGET_REQUIRED);
        }
        return new Read(record, f.problems, Set.copyOf(f.unreadable), null);
    }

    private static SamplingOptions sampling(Fields f) {
        JsonNode v = f.present("sampling");
        if (v == null) {
            return null;
        }
        if (!v.isObject()) {
            f.wrongType("sampling", "an object", v);
            return null;
        }
        Fields s = new Fields(v, "sampling.", f.problems, f.unreadable);
        for (Iterator<String> names = v.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!SAMPLING_FIELDS.contains(name)) {
                f.problems.add("unknown field " + quotedName("sampling." + name)
                        + "; the fields are temperature, top_k, top_p, seed");
            }
        }
        Long seed = null;
        JsonNode seedNode = s.present("seed");
        if (seedNode != null) {
            if (seedNode.isIntegralNumber() && seedNode.canConvertToLong()) {
                seed = seedNode.longValue();
            } else {
                s.wrongType("seed", "a whole number", seedNode);
            }
        }
        return new SamplingOptions(s.number("temperature"), s.integer("top_k", "a whole number"), s.number("top_p"),
                seed);
    }

    private static Read unreadable(String why) {
        return new Read(null, List.of(), Set.of(), why);
    }

    /** A field name as a sentence shows it: control characters escaped, so a reason stays one readable line. */
    private static String quotedName(String name) {
        StringBuilder shown = new StringBuilder("'");
        name.codePoints().limit(SHOWN_CHARS).forEach(c -> {
            if (Character.isISOControl(c) || Character.getType(c) == Character.SURROGATE) {
                shown.append(String.format("\\u%04x", c));
            } else {
                shown.appendCodePoint(c);
            }
        });
        return shown.append('\'').toString();
    }

    private static String shown(JsonNode value) {
        String text = value == null ? "nothing" : value.toString();
        return text.length() <= SHOWN_CHARS ? text : text.substring(0, SHOWN_CHARS) + "...";
    }

    /** Typed reads of one JSON object's fields; a null field counts as absent, a wrong type as unreadable. */
    private static final class Fields {

        private final JsonNode node;
        private final String path;
        private final List<String> problems;
        private final Set<String> unreadable;

        Fields(JsonNode node, String path) {
            this(node, path, new ArrayList<>(), new HashSet<>());
        }

        Fields(JsonNode node, String path, List<String> problems, Set<String> unreadable) {
            this.node = node;
            this.path = path;
            this.problems = problems;
            this.unreadable = unreadable;
        }

        JsonNode present(String field) {
            JsonNode v = node.get(field);
            return v == null || v.isNull() ? null : v;
        }

        String text(String field) {
            JsonNode v = present(field);
            if (v == null) {
                return null;
            }
            if (!v.isTextual()) {
                wrongType(field, "a string", v);
                return null;
            }
            return v.textValue();
        }

        Integer integer(String field, String expected) {
            JsonNode v = present(field);
            if (v == null) {
                return null;
            }
            if (!v.isIntegralNumber() || !v.canConvertToInt()) {
                wrongType(field, expected, v);
                return null;
            }
            return v.intValue();
        }

        Double number(String field) {
            JsonNode v = present(field);
            if (v == null) {
                return null;
            }
            if (!v.isNumber()) {
                wrongType(field, "a number", v);
                return null;
            }
            return v.doubleValue();
        }

        /** A method or level: one of its type's names, in the words the contract uses for any other caller. */
        <E extends Enum<E> & WireName> E named(String field, Class<E> type) {
            String name = text(field);
            if (name == null) {
                return null;
            }
            Optional<E> known = WireNames.find(type, name);
            if (known.isEmpty()) {
                unreadable.add(path + field);
                problems.add(WireNames.problem(type, path + field, name));
            }
            return known.orElse(null);
        }

        void wrongType(String field, String expected, JsonNode value) {
            unreadable.add(path + field);
            problems.add(path + field + " must be " + expected + ", was " + shown(value));
        }
    }
}
