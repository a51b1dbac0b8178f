package io.thinkmeter.engine.model;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import io.thinkmeter.chat.ChatTemplate;
import io.thinkmeter.chat.ChatTemplateException;
import io.thinkmeter.contracts.ChatMessage;
import io.thinkmeter.contracts.Json;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * reasoner.json: what the workers need to know about any reasoning model, ours or a user's.
 *
 * @param promptTemplate the prompt, with {problem} and optionally {instruction} (a TLDR level's text); the
 *                       model lab's form, used only when there is no chat template
 * @param afterThinkEnd what follows think-end before the answer prefix in the model's own traces
 * @param kvCache the shape of the cache, from the model's config (layers, key-value heads, head size)
 * @param levels TLDR level instructions by level name (short, medium, long), or null
 * @param chatTemplate Hugging Face's Jinja {@code chat_template}: how a conversation (and a problem, as one
 *                     user message) becomes the prompt; optional for problems, required for conversations
 * @param bosToken the begin-of-sequence text the chat template writes as {@code bos_token}
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
@JsonIgnoreProperties(ignoreUnknown = true)
public record ReasonerDescriptor(
        int schemaVersion,
        String name,
        String modelFile,
        String tokenizerFile,
        String promptTemplate,
        String thinkStart,
        String thinkEnd,
        String afterThinkEnd,
        String answerPrefix,
        String waitText,
        String eosToken,
        String padToken,
        int defaultAnswerReserve,
        int maxContext,
        KvCacheShape kvCache,
        Map<String, String> levels,
        String chatTemplate,
        String bosToken) {

    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record KvCacheShape(int layers, int kvHeads, int headDim) {}

    public static ReasonerDescriptor read(Path file) throws IOException {
        ReasonerDescriptor d = Json.forServices().readValue(Files.readAllBytes(file), ReasonerDescriptor.class);
        List<String> problems = d.problems();
        if (!problems.isEmpty()) {
            throw new IOException(file + " is not a usable reasoner descriptor: " + String.join("; ", problems));
        }
        return d;
    }

    /** Why this descriptor cannot be used, or an empty list. */
    public List<String> problems() {
        List<String> p = new ArrayList<>();
        if (schemaVersion != 1) {
            p.add("schema_version must be 1, was " + schemaVersion);
        }
        requireText(p, "model_file", modelFile);
        requireText(p, "tokenizer_file", tokenizerFile);
        requireText(p, "think_end", thinkEnd);
        requireText(p, "answer_prefix", answerPrefix);
        requireText(p, "eos_token", eosToken);
        if (promptTemplate == null || !promptTemplate.contains("{problem}")) {
            p.add("prompt_template must contain {problem}");
        }
        if (defaultAnswerReserve < 1) {
            p.add("default_answer_reserve must be at least 1, was " + defaultAnswerReserve);
        }
        if (maxContext < 2) {
            p.add("max_context must be at least 2, was " + maxContext);
        }
        if (kvCache == null || kvCache.layers() < 1 || kvCache.kvHeads() < 1 || kvCache.headDim() < 1) {
            p.add("kv_cache needs positive layers, kv_heads and head_dim");
        }
        return p;
    }

    private static void requireText(List<String> problems, String field, String value) {
        if (value == null || value.isEmpty()) {
            problems.add(field + " is required");
        }
    }

    /** The prompt for a problem, with a level instruction or none: by the chat template when there is one. */
    public String prompt(String problem, String instruction) {
        if (chatTemplate != null) {
            return chat().render(problem, instruction);
        }
        String withInstruction = promptTemplate.replace("{instruction}", instruction == null ? "" : instruction);
        return withInstruction.replace("{problem}", problem);
    }

    /**
     * The prompt for a conversation, with a level instruction or none.
     *
     * @throws ChatTemplateException when the template cannot express it, or the model has no chat template
     */
    public String prompt(List<ChatMessage> messages, String instruction) {
        if (chatTemplate == null) {
            throw new ChatTemplateException("model " + name + " has no chat_template in its reasoner.json: it takes "
                    + "problems, not conversations");
        }
        return chat().render(messages, instruction);
    }

    private ChatTemplate chat() {
        return new ChatTemplate(chatTemplate, bosToken, eosToken);
    }

    /** The text budget forcing injects at the thinking cap. */
    public String forcedAnswerText() {
        return thinkEnd + (afterThinkEnd == null ? "" : afterThinkEnd) + answerPrefix;
    }
}
