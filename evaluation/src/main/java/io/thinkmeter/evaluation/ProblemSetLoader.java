package io.thinkmeter.evaluation;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads a JSONL problem set: one JSON object per line, blank lines skipped. It accepts the field
 * spellings of the common math sets: the problem in {@code problem} or {@code question}; the
 * answer in {@code answer} or {@code final_answer} (OlympiadBench's one-element list: its first
 * element, with surrounding {@code $} removed, as Qwen2.5-Math's evaluation reads it); numbers kept
 * as written ({@code 27.0} stays "27.0": the grader normalises, not the loader).
 */
public final class ProblemSetLoader {

    private static final List<String> PROBLEM_FIELDS = List.of("problem", "question");
    private static final List<String> ANSWER_FIELDS = List.of("answer", "final_answer");
    private static final List<String> ID_FIELDS = List.of("id", "unique_id");
    /** Long or structural fields that are not metadata: worked solutions, the question repeated. */
    private static final Set<String> NOT_METADATA = Set.of("problem", "question", "answer", "final_answer", "solution",
            "id", "unique_id");

    // Floats as exact BigDecimals keep their written digits: "27.0" stays "27.0" (not "27", nor a double's
    // rendering, which would turn 1e21 into "1.0E21"). Problem sets are other people's files, not the
    // contract, so they are read with their own mapper rather than Json's.
    private static final ObjectMapper JSON = new ObjectMapper()
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .setNodeFactory(JsonNodeFactory.withExactBigDecimals(true));

    private ProblemSetLoader() {}

    /** Every problem of the file, in file order. */
    public static List<Problem> load(Path file) throws IOException {
        return load(file, Integer.MAX_VALUE);
    }

    /** The first {@code limit} problems of the file. */
    public static List<Problem> load(Path file, int limit) throws IOException {
        if (!Files.isRegularFile(file)) {
            throw new IOException("no problem set at " + file.toAbsolutePath());
        }
        List<Problem> problems = new ArrayList<>();
        Map<String, Integer> lineOfId = new HashMap<>();
        try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            String text;
            int line = 0;
            while ((text = in.readLine()) != null && problems.size() < limit) {
                line++;
                if (text.isBlank()) {
                    continue;
                }
                Problem p = parse(text, file, line);
                Integer first = lineOfId.putIfAbsent(p.id(), line);
                if (first != null) {
                    throw error(file, line, "id '" + p.id() + "' was already used on line " + first);
                }
                problems.add(p);
            }
        }
        return problems;
    }

    static Problem parse(String text, Path file, int line) throws IOException {
        JsonNode record;
        try {
            record = JSON.readTree(text);
        } catch (JsonProcessingException e) {
            throw error(file, line, "not valid JSON: " + e.getOriginalMessage());
        }
        if (record == null || !record.isObject()) {
            throw error(file, line, "expected a JSON object, found " + (record == null ? "nothing" : record.getNodeType()));
        }
        String problem = text(record, PROBLEM_FIELDS, file, line, "problem");
        if (problem.isBlank()) {
            throw error(file, line, "the problem text is empty");
        }
        String gold = answer(record, file, line);
        String id = optionalScalar(record, ID_FIELDS);
        return new Problem(id != null ? id : Integer.toString(line), problem, gold, metadata(record));
    }

    private static String text(JsonNode record, List<String> names, Path file, int line, String what)
            throws IOException {
        for (String name : names) {
            JsonNode v = record.get(name);
            if (v != null && !v.isNull()) {
                if (!v.isValueNode()) {
                    throw error(file, line, "field '" + name + "' must be text, found " + v.getNodeType());
                }
                return v.asText();
            }
        }
        throw error(file, line, "no " + what + ": expected one of the fields " + String.join(", ", names));
    }

    private static String answer(JsonNode record, Path file, int line) throws IOException {
        for (String name : ANSWER_FIELDS) {
            JsonNode v = record.get(name);
            if (v == null || v.isNull()) {
                continue;
            }
            if (v.isArray()) {
                if (v.isEmpty() || !v.get(0).isValueNode() || v.get(0).isNull()) {
                    throw error(file, line, "field '" + name + "' is a list without a text first element");
                }
                return stripDollars(v.get(0).asText());
            }
            if (!v.isValueNode()) {
                throw error(file, line, "field '" + name + "' must be text, a number or a list, found "
                        + v.getNodeType());
            }
            String gold = v.isBigDecimal() ? v.decimalValue().toPlainString() : v.asText();
            return v.isTextual() ? stripDollars(gold) : gold;
        }
        throw error(file, line, "no answer: expected one of the fields " + String.join(", ", ANSWER_FIELDS));
    }

    /** "$2^{1009}$" becomes "2^{1009}": the dollars delimit LaTeX math, they are not the answer. */
    static String stripDollars(String s) {
        int from = 0;
        int to = s.length();
        while (from < to && (s.charAt(from) == '$' || Character.isWhitespace(s.charAt(from)))) {
            from++;
        }
        while (to > from && (s.charAt(to - 1) == '$' || Character.isWhitespace(s.charAt(to - 1)))) {
            to--;
        }
        return s.substring(from, to);
    }

    private static String optionalScalar(JsonNode record, List<String> names) {
        for (String name : names) {
            JsonNode v = record.get(name);
            if (v != null && v.isValueNode() && !v.isNull()) {
                return v.isBigDecimal() ? v.decimalValue().toPlainString() : v.asText();
            }
        }
        return null;
    }

    private static Map<String, String> metadata(JsonNode record) {
        Map<String, String> m = new LinkedHashMap<>();
        Iterator<Map.Entry<String, JsonNode>> fields = record.fields();
        while (fields.hasNext()) {
            Map.Entry<String, JsonNode> f = fields.next();
            JsonNode v = f.getValue();
            if (!NOT_METADATA.contains(f.getKey()) && v.isValueNode() && !v.isNull()) {
                m.put(f.getKey(), v.isBigDecimal() ? v.decimalValue().toPlainString() : v.asText());
            }
        }
        return Collections.unmodifiableMap(m);
    }

    private static IOException error(Path file, int line, String message) {
        return new IOException(file + ":" + line + ": " + message);
    }
}
