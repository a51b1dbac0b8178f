package io.thinkmeter.chat;

import com.hubspot.jinjava.Jinjava;
import com.hubspot.jinjava.JinjavaConfig;
import com.hubspot.jinjava.interpret.RenderResult;
import com.hubspot.jinjava.interpret.TemplateError;
import com.hubspot.jinjava.lib.fn.ELFunctionDefinition;
import io.thinkmeter.contracts.ChatMessage;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A model's chat template in Hugging Face's form ({@code chat_template}: Jinja, with {@code messages},
 * {@code bos_token}, {@code eos_token}, {@code add_generation_prompt} and {@code raise_exception}),
 * rendered with Jinjava under the settings transformers uses ({@code trim_blocks}, {@code lstrip_blocks}),
 * so a real model's template works unchanged.
 *
 * <p>One variable is ours: {@code level_instruction}, the TLDR level's instruction text (empty for other
 * methods), which a TLDR model's template places where its training put it.
 */
public final class ChatTemplate {

    /** Our variable: the TLDR level's instruction, or empty. */
    public static final String LEVEL_INSTRUCTION = "level_instruction";

    private static final Jinjava JINJAVA = jinjava();

    private final String source;
    private final Map<String, Object> specialTokens;

    /**
     * @param source the Jinja source
     * @param bosToken the model's begin-of-sequence text ({@code bos_token})
     * @param eosToken the model's end-of-sequence text ({@code eos_token})
     */
    public ChatTemplate(String source, String bosToken, String eosToken) {
        if (source == null || source.isBlank()) {
            throw new IllegalArgumentException("a chat template needs its Jinja source");
        }
        this.source = source;
        Map<String, Object> tokens = new HashMap<>();
        tokens.put("bos_token", bosToken == null ? "" : bosToken);
        tokens.put("eos_token", eosToken == null ? "" : eosToken);
        this.specialTokens = Map.copyOf(tokens);
    }

    /**
     * The prompt for a conversation, ending where the assistant's turn begins.
     *
     * @param levelInstruction the TLDR level's instruction; null or empty for none
     * @throws ChatTemplateException naming what the template refused (its own words) or why it failed
     */
    public String render(List<ChatMessage> messages, String levelInstruction) {
        Map<String, Object> context = new HashMap<>(specialTokens);
        List<Map<String, Object>> asMaps = new ArrayList<>(messages.size());
        for (ChatMessage m : messages) {
            Map<String, Object> message = new LinkedHashMap<>();
            message.put("role", m.role());
            message.put("content", m.content());
            asMaps.add(message);
        }
        context.put("messages", asMaps);
        context.put("add_generation_prompt", true);
        context.put(LEVEL_INSTRUCTION, levelInstruction == null ? "" : levelInstruction);
        RenderResult result = JINJAVA.renderForResult(source, context);
        for (TemplateError error : result.getErrors()) {
            if (error.getSeverity() == TemplateError.ErrorType.FATAL) {
                throw new ChatTemplateException(refusal(error));
            }
        }
        return result.getOutput();
    }

    /** The prompt for one problem: a conversation of one user message. */
    public String render(String problem, String levelInstruction) {
        return render(List.of(new ChatMessage(ChatMessage.USER, problem)), levelInstruction);
    }

    public String source() {
        return source;
    }

    /** Called by templates as {@code raise_exception(message)}, as transformers defines it. */
    public static String raiseException(String message) {
        throw new Refusal(message);
    }

    private static String refusal(TemplateError error) {
        for (Throwable t = error.getException(); t != null; t = t.getCause()) {
            if (t instanceof Refusal r) {
                return r.getMessage();
            }
        }
        String message = error.getMessage();
        int at = message == null ? -1 : message.indexOf(Refusal.MARK);
        if (at >= 0) {
            // Jinjava sometimes keeps only the text of the exception it caught
            return message.substring(at + Refusal.MARK.length()).strip();
        }
        return "the model's chat template failed: " + message;
    }

    private static Jinjava jinjava() {
        Jinjava j = new Jinjava(JinjavaConfig.newBuilder().withTrimBlocks(true).withLstripBlocks(true)
                // a message's text is data: never rendered again as a template (Jinjava's default would run
                // "{{ 7 * 6 }}" in a user message, and with it whatever a caller writes there)
                .withNestedInterpretationEnabled(false).withFailOnUnknownTokens(false).build());
        j.getGlobalContext().registerFunction(new ELFunctionDefinition("", "raise_exception", ChatTemplate.class,
                "raiseException", String.class));
        return j;
    }

    /** What a template's raise_exception throws: the text is for the caller, as the template wrote it. */
    private static final class Refusal extends RuntimeException {

        static final String MARK = "chat template refused:";

        Refusal(String message) {
            super(MARK + " " + message);
        }

        @Override
        public String getMessage() {
            return super.getMessage().substring(MARK.length()).strip();
        }
    }
}
