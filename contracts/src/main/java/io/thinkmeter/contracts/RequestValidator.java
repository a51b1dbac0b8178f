package io.thinkmeter.contracts;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The rules a problem request must meet, each broken rule reported as a sentence naming the field
 * and the value, so ingest can answer 400 with all of them at once and the scheduler can reject with
 * the same words.
 */
public final class RequestValidator {

    public static final int MAX_PROBLEM_CHARS = 20_000;
    public static final int MAX_BUDGET = 1_000_000;
    static final Set<String> METHODS = Set.of("none", "budget-forcing", "ts", "tldr");
    static final Set<String> LEVELS = Set.of("short", "medium", "long");
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.-]{0,63}");

    private RequestValidator() {}

    public static List<String> problems(ProblemRequest r) {
        List<String> p = new ArrayList<>();
        if (r.schemaVersion() != ProblemRequest.SCHEMA_VERSION) {
            p.add("schema_version must be " + ProblemRequest.SCHEMA_VERSION + ", was " + r.schemaVersion());
        }
        name(p, "tenant", r.tenant(), true);
        name(p, "batch", r.batch(), false);
        if (r.clientId() != null && r.clientId().length() > 256) {
            p.add("client_id must be at most 256 characters, was " + r.clientId().length());
        }
        if (r.problem() == null || r.problem().isBlank()) {
            p.add("problem is required and must not be blank");
        } else if (r.problem().length() > MAX_PROBLEM_CHARS) {
            p.add("problem must be at most " + MAX_PROBLEM_CHARS + " characters, was " + r.problem().length());
        }
        if (r.budget() < 1 || r.budget() > MAX_BUDGET) {
            p.add("budget must be between 1 and " + MAX_BUDGET + " tokens, was " + r.budget());
        }
        if (r.method() == null || !METHODS.contains(r.method())) {
            p.add("method must be one of none, budget-forcing, ts, tldr; was " + quoted(r.method()));
        }
        if (r.level() != null && !LEVELS.contains(r.level())) {
            p.add("level must be short, medium or long; was " + quoted(r.level()));
        }
        if (r.stopTemperature() != null) {
            if (!"ts".equals(r.method())) {
                p.add("stop_temperature applies only to method ts; method was " + quoted(r.method()));
            } else if (!(r.stopTemperature() > 0) || r.stopTemperature().isInfinite()) {
                p.add("stop_temperature must be a positive number, was " + r.stopTemperature());
            }
        }
        if (r.answerReserve() != null && (r.answerReserve() < 1 || r.answerReserve() >= r.budget())) {
            p.add("answer_reserve must be at least 1 and less than the budget (" + r.budget() + "), was "
                    + r.answerReserve());
        }
        if (r.sampling() != null) {
            sampling(p, r.sampling());
        }
        return p;
    }

    private static void sampling(List<String> p, SamplingOptions s) {
        if (s.temperature() != null && (!(s.temperature() >= 0) || s.temperature() > 10)) {
            p.add("sampling.temperature must be between 0 and 10, was " + s.temperature());
        }
        if (s.topK() != null && s.topK() < 0) {
            p.add("sampling.top_k must be 0 or more, was " + s.topK());
        }
        if (s.topP() != null && (!(s.topP() > 0) || s.topP() > 1)) {
            p.add("sampling.top_p must be in (0, 1], was " + s.topP());
        }
    }

    private static void name(List<String> p, String field, String value, boolean required) {
        if (value == null) {
            if (required) {
                p.add(field + " is required");
            }
        } else if (!NAME.matcher(value).matches()) {
            p.add(field + " must be 1 to 64 letters, digits, '_', '.' or '-' (starting with a letter or digit), was "
                    + quoted(value));
        }
    }

    private static String quoted(String s) {
        return s == null ? "absent" : "'" + s + "'";
    }
}
