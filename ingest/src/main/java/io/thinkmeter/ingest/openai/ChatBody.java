package io.thinkmeter.ingest.openai;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import io.thinkmeter.contracts.ChatMessage;
import io.thinkmeter.contracts.Level;
import io.thinkmeter.contracts.Method;
import io.thinkmeter.contracts.SamplingOptions;
import io.thinkmeter.ingest.FieldReader;
import io.thinkmeter.ingest.Submission;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The one mapping of an OpenAI chat completion body onto a submission: the body of
 * {@code POST /v1/chat/completions} and the {@code body} of every OpenAI batch line alike.
 * <ul>
 *   <li>{@code messages} is the conversation, rendered by the model's chat template (text only: a string
 *       or an array of {@code text} parts); the problem, graded and shown, is its last user message;</li>
 *   <li>{@code max_completion_tokens} (else the older {@code max_tokens}) is the budget: in both APIs it
 *       caps reasoning and answer together, as ours does; without either, the caller's default;</li>
 *   <li>{@code reasoning_effort}: see {@link Efforts}; {@code thinking_token_budget} (vLLM's name) is the
 *       thinking limit; the {@code thinkmeter} object carries our own controls;</li>
 *   <li>{@code temperature}, {@code top_p}, {@code seed} are the sampling options; {@code n} the samples;
 *       {@code user} the end user;</li>
 *   <li>{@code model}, {@code stream}, {@code stream_options}, {@code store}, {@code metadata} are taken
 *       (the model is the platform's; every request is stored);</li>
 *   <li>anything else is refused by name, never silently ignored: a caller who sends {@code tools} or
 *       {@code response_format} relies on it, and would get an answer that silently lacks it.</li>
 * </ul>
 */
public final class ChatBody {

    public static final String MESSAGES = "messages";
    public static final String THINKMETER = "thinkmeter";
    /** In the order a refusal lists them. */
    private static final List<String> FIELD_ORDER = List.of(MESSAGES, "model", "max_completion_tokens", "max_tokens",
            Efforts.FIELD, "thinking_token_budget", THINKMETER, "temperature", "top_p", "seed", "n", "user", "stream",
            "stream_options", "store", "metadata");
    public static final Set<String> FIELDS = Set.copyOf(FIELD_ORDER);
    private static final String FIELD_LIST = String.join(", ", FIELD_ORDER);
    private static final List<String> THINKMETER_ORDER = List.of("method", "stop_temperature", "answer_reserve",
            "min_thinking");
    private static final Set<String> THINKMETER_FIELDS = Set.copyOf(THINKMETER_ORDER);
    private static final Set<String> STREAM_OPTIONS = Set.of("include_usage", "include_obfuscation");
    private static final Set<String> MESSAGE_FIELDS = Set.of("role", "content");
    /** Why the fields callers most often send are not taken, so the 400 says what to do instead. */
    private static final Map<String, String> WHY_NOT = Map.ofEntries(
            Map.entry("tools", "the models call no tools"),
            Map.entry("tool_choice", "the models call no tools"),
            Map.entry("functions", "the models call no functions"),
            Map.entry("function_call", "the models call no functions"),
            Map.entry("parallel_tool_calls", "the models call no tools"),
            Map.entry("logprobs", "token log probabilities are not returned"),
            Map.entry("top_logprobs", "token log probabilities are not returned"),
            Map.entry("response_format", "the answer is the model's own text; no JSON mode or schema"),
            Map.entry("logit_bias", "the sampler takes no token biases"),
            Map.entry("stop", "the model ends its answer itself; no stop sequences"),
            Map.entry("presence_penalty", "the sampler has no penalties"),
            Map.entry("frequency_penalty", "the sampler has no penalties"),
            Map.entry("audio", "text only"),
            Map.entry("modalities", "text only"),
            Map.entry("prediction", "no predicted outputs"),
            Map.entry("web_search_options", "no web search"),
            Map.entry("service_tier", "one service tier; budgets and quotas decide instead"));

    /** What was read: the submission, and how the answer is to be delivered. */
    public record Read(Submission submission, boolean stream, boolean includeUsage) {}

    private ChatBody() {}

    /**
     * @param body the body's reader, sharing the caller's problem list (its path prefixes every field named)
     * @param defaultBudget the budget when the body gives no token cap; null: the cap is required
     * @param defaultMethod the method when the body gives no effort or method; null: budget forcing
     */
    public static Read read(FieldReader body, OpenAiRules rules, Integer defaultBudget,
                            Method defaultMethod) {
        refuseUnsupported(body);
        Set<String> unreadable = new HashSet<>();
        List<ChatMessage> messages = messages(body);
        String problem = messages == null ? null : lastUserText(body, messages);
        if (problem == null) {
            unreadable.add(Submission.PROBLEM);
        }
        String budgetField = body.has("max_completion_tokens") ? "max_completion_tokens"
                : body.has("max_tokens") ? "max_tokens" : null;
        Integer budget = budgetField == null ? defaultBudget : body.integer(budgetField, Submission.BUDGET_TYPE);
        if (budgetField != null && body.unreadable(budgetField)) {
            unreadable.add(Submission.BUDGET);
        }
        FieldReader ours = body.object(THINKMETER);
        if (ours != null) {
            ours.rejectUnknown(THINKMETER_FIELDS, String.join(", ", THINKMETER_ORDER));
        }
        Method asked = ours == null ? null : ours.wireName("method", Method.class);
        if (ours != null && ours.unreadable("method")) {
            unreadable.add(Submission.METHOD);
        }
        Integer thinkingLimit = body.integer("thinking_token_budget");
        Method method = asked != null ? asked : defaultMethod != null ? defaultMethod : Method.BUDGET_FORCING;
        Level level = null;
        Double stopTemperature = null;
        String effort = body.text(Efforts.FIELD);
        if (effort != null) {
            Optional<Efforts.Choice> choice = rules.efforts().choose(effort, rules.tldrServed());
            if (choice.isEmpty()) {
                body.problem(body.name(Efforts.FIELD) + " must be one of " + Efforts.names() + ", was '" + effort + "'");
                unreadable.add(Submission.METHOD);
            } else if (ours != null && ours.has("method")) {
                body.problem(body.name(Efforts.FIELD) + " and " + body.name(THINKMETER) + ".method both choose the "
                        + "method: give one of them");
            } else {
                method = choice.get().method();
                level = choice.get().level();
                stopTemperature = choice.get().stopTemperature();
                if (choice.get().thinkingLimit() != null) {
                    if (thinkingLimit != null && !thinkingLimit.equals(choice.get().thinkingLimit())) {
                        body.problem(body.name("thinking_token_budget") + " " + thinkingLimit + " contradicts "
                                + body.name(Efforts.FIELD) + " '" + effort + "', which means no thinking: give one of them");
                    }
                    thinkingLimit = choice.get().thinkingLimit();
                }
            }
        }
        if (ours != null && ours.has("stop_temperature")) {
            stopTemperature = ours.number("stop_temperature");
        }
        Integer answerReserve = ours == null ? null : ours.integer("answer_reserve");
        Integer minThinking = ours == null ? null : ours.integer("min_thinking");
        // taken but not used (see the class comment): read only so a wrong type is still a 400
        body.text("model");
        body.bool("store");
        body.object("metadata");
        Boolean stream = body.bool("stream");
        boolean includeUsage = streamOptions(body, Boolean.TRUE.equals(stream));
        String user = body.text("user");
        if (messages != null && problem != null) {
            rules.models().refusal(messages, method, level).ifPresent(why -> body.problem(body.name(MESSAGES)
                    + " cannot be expressed by the model's chat template: " + why));
        }
        return new Read(new Submission(null, null, null, problem, budget, method, level, stopTemperature,
                answerReserve, sampling(body), null, body.integer("n"), unreadable, messages, thinkingLimit,
                minThinking, user), Boolean.TRUE.equals(stream), includeUsage);
    }

    private static void refuseUnsupported(FieldReader body) {
        for (Iterator<Map.Entry<String, JsonNode>> it = body.node().fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> field = it.next();
            String name = field.getKey();
            if (FIELDS.contains(name) || field.getValue().isNull()) {
                continue;
            }
            String why = WHY_NOT.get(name);
            body.problem(body.name(name) + " is not supported"
                    + (why != null ? " (" + why + "): leave it out" : ": the fields taken are " + FIELD_LIST));
        }
    }

    private static List<ChatMessage> messages(FieldReader body) {
        ArrayNode array = body.array(MESSAGES);
        if (array == null) {
            if (!body.has(MESSAGES)) {
                body.problem(body.name(MESSAGES) + " is required: the conversation, ending with the user's message");
            }
            return null;
        }
        List<ChatMessage> messages = new ArrayList<>(array.size());
        boolean readable = true;
        for (int i = 0; i < array.size(); i++) {
            String at = body.name(MESSAGES) + "[" + i + "]";
            JsonNode m = array.get(i);
            if (!m.isObject()) {
                body.problem(at + " must be an object {\"role\": ..., \"content\": ...}, was " + FieldReader.shown(m));
                readable = false;
                continue;
            }
            for (Iterator<Map.Entry<String, JsonNode>> it = m.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> f = it.next();
                if (!MESSAGE_FIELDS.contains(f.getKey()) && !f.getValue().isNull()) {
                    body.problem(at + "." + f.getKey() + " is not supported: a message has a role and text content");
                    readable = false;
                }
            }
            JsonNode role = m.get("role");
            if (role == null || !role.isTextual()) {
                body.problem(at + ".role must be a string, was " + (role == null ? "absent" : FieldReader.shown(role)));
                readable = false;
                continue;
            }
            String content = text(m.get("content"), at + ".content", body);
            if (content == null) {
                readable = false;
                continue;
            }
            messages.add(new ChatMessage(role.textValue(), content));
        }
        return readable ? messages : null;
    }

    private static String lastUserText(FieldReader body, List<ChatMessage> messages) {
        for (int i = messages.size() - 1; i >= 0; i--) {
            if (ChatMessage.USER.equals(messages.get(i).role())) {
                return messages.get(i).content();
            }
        }
        body.problem(body.name(MESSAGES) + " has no message with role 'user': the model answers the last one");
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

    /** @return whether a usage chunk is wanted */
    private static boolean streamOptions(FieldReader body, boolean stream) {
        FieldReader options = body.object("stream_options");
        if (options == null) {
            return false;
        }
        if (!stream) {
            body.problem(body.name("stream_options") + " is only allowed when stream is true");
        }
        options.rejectUnknown(STREAM_OPTIONS, "include_usage, include_obfuscation");
        options.bool("include_obfuscation");
        return Boolean.TRUE.equals(options.bool("include_usage"));
    }

    private static SamplingOptions sampling(FieldReader body) {
        Double temperature = body.number("temperature");
        Double topP = body.number("top_p");
        Long seed = body.wholeLong("seed");
        return temperature == null && topP == null && seed == null ? null
                : new SamplingOptions(temperature, null, topP, seed);
    }
}
