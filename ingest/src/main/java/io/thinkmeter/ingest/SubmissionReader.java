package io.thinkmeter.ingest;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.thinkmeter.contracts.Level;
import io.thinkmeter.contracts.Method;
import io.thinkmeter.contracts.SamplingOptions;

import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Reads a problem in Thinkmeter's own JSON format (the body of {@code POST /v1/problems}, or a batch
 * line). Strict, as {@code Json.forUsers()} is: an unknown field is a problem, not a silent default.
 * Fields ingest assigns itself (id, batch, sequence, pool, submitted_at) are unknown here on purpose.
 */
final class SubmissionReader {

    static final Set<String> FIELDS = Set.of("schema_version", "client_id", "tenant", "problem", "budget", "method",
            "level", "stop_temperature", "answer_reserve", "min_thinking", "sampling", "priority", "samples");
    private static final String FIELD_LIST = "problem, budget, method, level, stop_temperature, answer_reserve, "
            + "min_thinking, sampling, priority, samples, client_id, tenant, schema_version";
    private static final Set<String> SAMPLING_FIELDS = Set.of("temperature", "top_k", "top_p", "seed");

    private SubmissionReader() {}

    /** @param problems where each wrong field is noted; the returned submission leaves such fields null */
    static Submission read(ObjectNode json, List<String> problems) {
        FieldReader f = new FieldReader(json, "", problems);
        f.rejectUnknown(FIELDS, FIELD_LIST);
        // arguments are evaluated left to right: the last one sees what every read before it found
        return new Submission(f.integer("schema_version"), f.text("client_id"), f.text("tenant"),
                f.text(Submission.PROBLEM), f.integer(Submission.BUDGET, Submission.BUDGET_TYPE),
                f.wireName(Submission.METHOD, Method.class), f.wireName(Submission.LEVEL, Level.class), f.number("stop_temperature"), f.integer("answer_reserve"),
                sampling(f.object("sampling")), f.integer("priority"), f.integer("samples"), unreadable(f), null, null,
                f.integer("min_thinking"), null);
    }

    private static Set<String> unreadable(FieldReader f) {
        return Stream.of(Submission.PROBLEM, Submission.BUDGET, Submission.METHOD, Submission.LEVEL).filter(f::unreadable)
                .collect(Collectors.toSet());
    }

    private static SamplingOptions sampling(FieldReader s) {
        if (s == null) {
            return null;
        }
        s.rejectUnknown(SAMPLING_FIELDS, "temperature, top_k, top_p, seed");
        return new SamplingOptions(s.number("temperature"), s.integer("top_k"), s.number("top_p"), s.wholeLong("seed"));
    }
}
