package io.thinkmeter.contracts;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The rules a problem request must meet, each broken rule reported as a sentence naming the field
 * and the value, so ingest can answer 400 with all of them at once and the scheduler can reject with
 * the same words. The one set of rules: ingest and the command line validate with it at the edge, the
 * scheduler keeps it as a guard, and the decoding engine's preconditions use the same ranges
 * ({@link #budgetInRange} and the others below).
 */
public final class RequestValidator {

    public static final int MAX_PROBLEM_CHARS = 20_000;
    public static final int MAX_BUDGET = 1_000_000;
    /** The most messages in a conversation, and their characters together. */
    public static final int MAX_MESSAGES = 256;
    public static final int MAX_CONVERSATION_CHARS = 4 * MAX_PROBLEM_CHARS;
    public static final int MAX_END_USER_CHARS = 256;
    /** The roles a message may have (OpenAI's text roles); a model's chat template may accept fewer. */
    public static final List<String> ROLES = List.of("system", "developer", "user", "assistant");
    /** The largest sampling temperature: beyond it sampling is noise whatever the model. */
    public static final double MAX_TEMPERATURE = 10;
    /** How every sentence about text PostgreSQL cannot store ends, so a caller can tell them apart. */
    public static final String CANNOT_STORE = "(PostgreSQL text cannot hold it)";
    /** The longest value a sentence repeats; a longer one is cut, so a reason stays readable and small. */
    private static final int SHOWN_CHARS = 100;
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.-]{0,63}");

    private RequestValidator() {}

    public static List<String> problems(ProblemRequest r) {
        List<String> p = new ArrayList<>();
        if (r.schemaVersion() != ProblemRequest.SCHEMA_VERSION) {
            p.add("schema_version must be " + ProblemRequest.SCHEMA_VERSION + ", was " + r.schemaVersion());
        }
        // text first: a value PostgreSQL cannot store is refused for that, whatever else it breaks
        storable(p, "id", r.id());
        name(p, "tenant", r.tenant(), true);
        name(p, "batch", r.batch(), false);
        storable(p, "client_id", r.clientId());
        if (r.clientId() != null && r.clientId().length() > 256) {
            p.add("client_id must be at most 256 characters, was " + r.clientId().length());
        }
        if (!storable(p, "problem", r.problem())) {
            if (r.problem() == null || r.problem().isBlank()) {
                p.add("problem is required and must not be blank");
            } else if (r.problem().length() > MAX_PROBLEM_CHARS) {
                p.add("problem must be at most " + MAX_PROBLEM_CHARS + " characters, was " + r.problem().length());
            }
        }
        if (!budgetInRange(r.budget())) {
            p.add("budget must be between 1 and " + MAX_BUDGET + " tokens, was " + r.budget());
        }
        // an unknown method or level never gets this far: it cannot be read into the enum (WireNames says why)
        if (r.method() == null) {
            p.add(WireNames.problem(Method.class, Method.FIELD, null));
        }
        if (r.stopTemperature() != null) {
            if (r.method() != Method.TS) {
                p.add("stop_temperature applies only to method " + Method.TS.wireName() + "; method was "
                        + quoted(r.method() == null ? null : r.method().wireName()));
            } else if (!stopTemperatureInRange(r.stopTemperature())) {
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
        if (r.messages() != null) {
            messages(p, r.messages());
        }
        if (r.thinkingLimit() != null && (r.thinkingLimit() < 0 || r.thinkingLimit() > r.budget())) {
            p.add("thinking_limit must be 0 to the budget (" + r.budget() + "), was " + r.thinkingLimit());
        }
        if (r.minThinking() != null) {
            if (r.method() != Method.BUDGET_FORCING) {
                p.add("min_thinking applies only to method " + Method.BUDGET_FORCING.wireName() + "; method was "
                        + quoted(r.method() == null ? null : r.method().wireName()));
            } else if (r.minThinking() < 0 || r.minThinking() >= r.budget()) {
                p.add("min_thinking must be 0 or more and less than the budget (" + r.budget() + "), was "
                        + r.minThinking());
            }
        }
        if (!storable(p, "user", r.endUser()) && r.endUser() != null && r.endUser().length() > MAX_END_USER_CHARS) {
            p.add("user must be at most " + MAX_END_USER_CHARS + " characters, was " + r.endUser().length());
        }
        return p;
    }

    private static void messages(List<String> p, List<ChatMessage> messages) {
        if (messages.isEmpty() || messages.size() > MAX_MESSAGES) {
            p.add("messages must hold 1 to " + MAX_MESSAGES + " messages, held " + messages.size());
            return;
        }
        int chars = 0;
        for (int i = 0; i < messages.size(); i++) {
            ChatMessage m = messages.get(i);
            String at = "messages[" + i + "]";
            if (m == null) {
                p.add(at + " must be a message, was null");
                continue;
            }
            if (!storable(p, at + ".role", m.role()) && (m.role() == null || !ROLES.contains(m.role()))) {
                p.add(at + ".role must be one of " + String.join(", ", ROLES) + ", was " + quoted(m.role()));
            }
            if (!storable(p, at + ".content", m.content()) && m.content() == null) {
                p.add(at + ".content is required");
            }
            chars += m.content() == null ? 0 : m.content().length();
        }
        if (chars > MAX_CONVERSATION_CHARS) {
            p.add("messages must hold at most " + MAX_CONVERSATION_CHARS + " characters in all, held " + chars);
        }
    }

    private static void sampling(List<String> p, SamplingOptions s) {
        if (s.temperature() != null && !temperatureInRange(s.temperature())) {
            p.add("sampling.temperature must be between 0 and " + (int) MAX_TEMPERATURE + ", was " + s.temperature());
        }
        if (s.topK() != null && !topKInRange(s.topK())) {
            p.add("sampling.top_k must be 0 or more, was " + s.topK());
        }
        if (s.topP() != null && !topPInRange(s.topP())) {
            p.add("sampling.top_p must be in (0, 1], was " + s.topP());
        }
    }

    /** A budget from 1 to {@link #MAX_BUDGET} tokens. */
    public static boolean budgetInRange(int budget) {
        return budget >= 1 && budget <= MAX_BUDGET;
    }

    /** A stop temperature tau: positive and finite (NaN is neither). */
    public static boolean stopTemperatureInRange(double tau) {
        return tau > 0 && !Double.isInfinite(tau);
    }

    /** A sampling temperature from 0 (greedy) to {@link #MAX_TEMPERATURE}. */
    public static boolean temperatureInRange(double temperature) {
        return temperature >= 0 && temperature <= MAX_TEMPERATURE;
    }

    /** Top-k: 0 (off) or more. */
    public static boolean topKInRange(int topK) {
        return topK >= 0;
    }

    /** Top-p: in (0, 1]; 1 is off. */
    public static boolean topPInRange(double topP) {
        return topP > 0 && topP <= 1;
    }

    /**
     * What is wrong with {@code value} as PostgreSQL text: U+0000, which a {@code text} column cannot
     * hold (the driver refuses the whole row), or half of a surrogate pair, which is no character and
     * has no UTF-8 form. Callers that read text from elsewhere (ingest's JSON, paths) use the same words.
     *
     * @return the sentence naming {@code field}, or null when the value can be stored (or is null)
     */
    public static String unstorable(String field, String value) {
        if (value == null) {
            return null;
        }
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == 0) {
                return field + " must not contain U+0000 " + CANNOT_STORE;
            }
            boolean pair = Character.isHighSurrogate(c) && i + 1 < value.length()
                    && Character.isLowSurrogate(value.charAt(i + 1));
            if (pair) {
                i++;
            } else if (Character.isSurrogate(c)) {
                return field + " must not contain an unpaired surrogate (" + String.format("U+%04X", (int) c)
                        + " at character " + i + ") " + CANNOT_STORE;
            }
        }
        return null;
    }

    /** @return true when it noted that the value cannot be stored */
    private static boolean storable(List<String> p, String field, String value) {
        String problem = unstorable(field, value);
        if (problem != null) {
            p.add(problem);
        }
        return problem != null;
    }

    private static void name(List<String> p, String field, String value, boolean required) {
        if (storable(p, field, value)) {
            return;
        }
        if (value == null) {
            if (required) {
                p.add(field + " is required");
            }
        } else if (!NAME.matcher(value).matches()) {
            p.add(field + " must be 1 to 64 letters, digits, '_', '.' or '-' (starting with a letter or digit), was "
                    + quoted(value));
        }
    }

    /**
     * The value as a sentence shows it: control characters escaped ({@code \\u0000}) and long values
     * cut, because the scheduler stores these sentences as rejection reasons.
     */
    static String quoted(String s) {
        if (s == null) {
            return "absent";
        }
        StringBuilder shown = new StringBuilder("'");
        int end = Math.min(s.length(), SHOWN_CHARS);
        for (int i = 0; i < end; i++) {
            char c = s.charAt(i);
            if (Character.isISOControl(c) || Character.isSurrogate(c)) {
                shown.append(String.format("\\u%04x", (int) c));
            } else {
                shown.append(c);
            }
        }
        shown.append('\'');
        if (s.length() > end) {
            shown.append("... (").append(s.length()).append(" characters)");
        }
        return shown.toString();
    }
}
