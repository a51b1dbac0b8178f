package io.thinkmeter.ingest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.thinkmeter.contracts.Level;
import io.thinkmeter.contracts.Method;
import io.thinkmeter.contracts.SamplingOptions;

import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Maps one line of an OpenAI Batch API input file (a chat completion request) onto a submission, so a
 * file written for OpenAI runs here unchanged:
 * <ul>
 *   <li>the problem is the text of the last {@code user} message (a string, or the {@code text}
 *       parts of an array);</li>
 *   <li>{@code body.max_completion_tokens} (or the older {@code body.max_tokens}) is the budget: in
 *       both APIs it caps reasoning and answer tokens together, as our budget does;</li>
 *   <li>{@code body.reasoning_effort} low / medium / high becomes method {@code tldr} at level
 *       short / medium / long; without it the method is the batch's default, else budget forcing;</li>
 *   <li>{@code body.temperature}, {@code top_p} and {@code seed} become the sampling options;</li>
 *   <li>{@code body.n} is the number of samples ({@link Samples});</li>
 *   <li>{@code custom_id} becomes the client id.</li>
 * </ul>
 * Other body fields ({@code model}, ...) are OpenAI's business and are ignored: the model is the
 * platform's, and files carry such fields whatever the job.
 */
final class OpenAiBatchLine {

    static final String CHAT_COMPLETIONS = "/v1/chat/completions";
    static final Method FALLBACK_METHOD = Method.BUDGET_FORCING;
    static final String BUDGET_REQUIRED = "body.max_completion_tokens (or body.max_tokens) is required: it is the "
            + "token budget; or give the whole batch one with ?budget=";
    private static final Set<String> FIELDS = Set.of("custom_id", "method", "url", "body");
    private static final Map<String, Level> LEVEL_BY_EFFORT = Map.of("low", Level.SHORT, "medium", Level.MEDIUM,
            "high", Level.LONG);

    private OpenAiBatchLine() {}

    /** Whether a line is in OpenAI's format rather than ours: ours has neither of these fields. */
    static boolean looksLikeOne(ObjectNode json) {
        return json.has("custom_id") || json.has("body");
    }

    /**
     * @param defaultBudget the batch's default budget, for lines with neither token cap; may be null
     * @param defaultMethod the batch's default method, for lines without reasoning_effort; may be null
     */
    static Submission read(ObjectNode json, Integer defaultBudget, Method defaultMethod, List<String> problems) {
        FieldReader f = new FieldReader(json, "", problems);
        f.rejectUnknown(FIELDS, "custom_id, method, url, body (an OpenAI batch line)");
        String customId = f.text("custom_id");
        if (customId == null && !f.has("custom_id")) {
            f.problem("custom_id is required in an OpenAI batch line");
        }
        String httpMethod = f.text("method");
        if (httpMethod != null && !"POST".equals(httpMethod)) {
            f.problem("method must be POST in an OpenAI batch line, was '" + httpMethod + "'");
        }
        String url = f.text("url");
        if (url != null && !CHAT_COMPLETIONS.equals(url)) {
            f.problem("url must be " + CHAT_COMPLETIONS + " (only chat completions are supported), was '" + url + "'");
        }
        FieldReader body = f.object("body");
        if (body == null) {
            if (!f.has("body")) {
                f.problem("body is required in an OpenAI batch line");
            }
            // the body's absence is the one problem: not also "no problem text, no budget, no method"
            return new Submission(null, customId, null, null, null, null, null, null, null, null, null, null,
                    Set.of(Submission.PROBLEM, Submission.BUDGET, Submission.METHOD));
        }
        Set<String> unreadable = new HashSet<>();
        String problem = lastUserText(body);
        if (problem == null) {
            // lastUserText noted why there is none
            unreadable.add(Submission.PROBLEM);
        }
        String budgetField = body.has("max_completion_tokens") ? "max_completion_tokens"
                : body.has("max_tokens") ? "max_tokens" : null;
        Integer budget = budgetField == null ? defaultBudget : body.integer(budgetField, RequestCheck.BUDGET_TYPE);
        if (budgetField != null && body.unreadable(budgetField)) {
            unreadable.add(Submission.BUDGET);
        }
        Method method = defaultMethod == null ? FALLBACK_METHOD : defaultMethod;
        Level level = null;
        String effort = body.text("reasoning_effort");
        if (effort != null) {
            level = LEVEL_BY_EFFORT.get(effort);
            if (level == null) {
                body.problem(body.name("reasoning_effort") + " must be low, medium or high, was '" + effort + "'");
            }
            method = Method.TLDR;
        }
        return new Submission(null, customId, null, problem, budget, method, level, null, null, sampling(body), null,
                body.integer("n"), unreadable);
    }

    private static String lastUserText(FieldReader body) {
        ArrayNode messages = body.array("messages");
        if (messages == null) {
            if (!body.has("messages")) {
                body.problem(body.name("messages") + " is required: the problem is its last user message");
            }
            return null;
        }
        for (int i = messages.size() - 1; i >= 0; i--) {
            JsonNode m = messages.get(i);
            if (m.isObject() && "user".equals(m.path("role").asText(null))) {
                return text(m.get("content"), body.name("messages") + "[" + i + "].content", body);
            }
        }
        body.problem(body.name("messages") + " has no message with role 'user': the problem is the last one");
        return null;
    }

    private static String text(JsonNode content, String where, FieldReader body) {
        if (content != null && content.isTextual()) {
            return content.textValue();
        }
        if (content == null || !content.isArray()) {
            body.problem(where + " must be a string or an array of text parts, was "
                    + (content == null ? "absent" : FieldReader.shown(content)));
            return null;
        }
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < content.size(); i++) {
            JsonNode part = content.get(i);
            if (!"text".equals(part.path("type").asText(null)) || !part.path("text").isTextual()) {
                body.problem(where + "[" + i + "] must be a part {\"type\": \"text\", \"text\": \"...\"}, was "
                        + FieldReader.shown(part) + " (only text is supported)");
                return null;
            }
            if (!text.isEmpty()) {
                text.append('\n');
            }
            text.append(part.get("text").textValue());
        }
        return text.toString();
    }

    private static SamplingOptions sampling(FieldReader body) {
        Double temperature = body.number("temperature");
        Double topP = body.number("top_p");
        Long seed = body.wholeLong("seed");
        return temperature == null && topP == null && seed == null ? null
                : new SamplingOptions(temperature, null, topP, seed);
    }
}
