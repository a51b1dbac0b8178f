package io.thinkmeter.ingest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.thinkmeter.contracts.WireName;
import io.thinkmeter.contracts.WireNames;

import java.math.BigDecimal;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Reads typed fields from a JSON object and, instead of stopping at the first wrong one (as binding
 * to a class does), notes a problem for each field that is of the wrong type, so a reply lists them
 * all. A field set to null counts as absent; a field of the wrong type reads as null too, but is
 * remembered as {@link #unreadable}, so nobody goes on to say it is missing.
 */
public final class FieldReader {

    private static final int SHOWN_VALUE_CHARS = 60;

    private final ObjectNode node;
    private final String path;
    private final List<String> problems;
    private final Set<String> unreadable = new HashSet<>();

    /** @param path prefix of the field names in problems ("", "sampling.", "body.") */
    public FieldReader(ObjectNode node, String path, List<String> problems) {
        this.node = node;
        this.path = path;
        this.problems = problems;
    }

    /** The object read, for a caller that walks its fields itself. */
    public ObjectNode node() {
        return node;
    }

    public boolean has(String field) {
        JsonNode v = node.get(field);
        return v != null && !v.isNull();
    }

    public String text(String field) {
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

    /**
     * A field whose value is one of the contract's names ({@code method}, {@code level}); a name the
     * contract does not know is noted with the names it may take, and the field counts as unreadable.
     */
    public <E extends Enum<E> & WireName> E wireName(String field, Class<E> type) {
        String text = text(field);
        if (text == null) {
            return null;
        }
        Optional<E> known = WireNames.find(type, text);
        if (known.isEmpty()) {
            unreadable.add(field);
            problems.add(WireNames.problem(type, path + field, text));
        }
        return known.orElse(null);
    }

    public Integer integer(String field) {
        return integer(field, "a whole number between " + Integer.MIN_VALUE + " and " + Integer.MAX_VALUE);
    }

    /** @param expected what the field must be, for the problem ("a whole number of tokens, 1 to 1000000") */
    public Integer integer(String field, String expected) {
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

    public Long wholeLong(String field) {
        JsonNode v = present(field);
        if (v == null) {
            return null;
        }
        if (!v.isIntegralNumber() || !v.canConvertToLong()) {
            wrongType(field, "a whole number", v);
            return null;
        }
        return v.longValue();
    }

    public Double number(String field) {
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

    /**
     * An exact decimal: a JSON number (exact only when the body was read by {@code JsonText.exactObject}) or a
     * string holding one ({@code "0.15"}), as money APIs often send it.
     */
    public BigDecimal decimal(String field, String expected) {
        JsonNode v = present(field);
        if (v == null) {
            return null;
        }
        if (v.isNumber()) {
            return v.decimalValue();
        }
        if (v.isTextual()) {
            try {
                return new BigDecimal(v.textValue().trim());
            } catch (NumberFormatException e) {
                // noted below, as any other wrong type
            }
        }
        wrongType(field, expected, v);
        return null;
    }

    public Boolean bool(String field) {
        JsonNode v = present(field);
        if (v == null) {
            return null;
        }
        if (!v.isBoolean()) {
            wrongType(field, "true or false", v);
            return null;
        }
        return v.booleanValue();
    }

    /** A nested object's reader, sharing this one's problem list; null when absent or not an object. */
    public FieldReader object(String field) {
        JsonNode v = present(field);
        if (v == null) {
            return null;
        }
        if (!v.isObject()) {
            wrongType(field, "an object", v);
            return null;
        }
        return new FieldReader((ObjectNode) v, path + field + ".", problems);
    }

    public ArrayNode array(String field) {
        JsonNode v = present(field);
        if (v == null) {
            return null;
        }
        if (!v.isArray()) {
            wrongType(field, "an array", v);
            return null;
        }
        return (ArrayNode) v;
    }

    /** Notes every field not in {@code known}: a misspelt "budjet" must not silently become a default. */
    public void rejectUnknown(Set<String> known, String knownList) {
        for (Iterator<String> names = node.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!known.contains(name)) {
                problems.add("unknown field '" + path + name + "'; the fields are " + knownList);
            }
        }
    }

    /** Whether the field is present but of a type it cannot be read as (and that was reported). */
    public boolean unreadable(String field) {
        return unreadable.contains(field);
    }

    public void problem(String sentence) {
        problems.add(sentence);
    }

    public String name(String field) {
        return path + field;
    }

    private JsonNode present(String field) {
        JsonNode v = node.get(field);
        return v == null || v.isNull() ? null : v;
    }

    private void wrongType(String field, String expected, JsonNode value) {
        unreadable.add(field);
        problems.add(path + field + " must be " + expected + ", was " + shown(value));
    }

    public static String shown(JsonNode value) {
        String text = value.toString();
        return text.length() <= SHOWN_VALUE_CHARS ? text : text.substring(0, SHOWN_VALUE_CHARS) + "...";
    }
}
