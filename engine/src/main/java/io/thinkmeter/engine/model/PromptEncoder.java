package io.thinkmeter.engine.model;

import io.thinkmeter.contracts.ChatMessage;

import java.util.List;

/**
 * A prompt in tokens as the engine decodes it: the descriptor's template (or chat template) around the
 * problem and level instruction, then the model's tokenizer. Kept in one place so that what a caller counts
 * before a run (eval's default budget) is what the engine will decode.
 */
public record PromptEncoder(ReasonerDescriptor descriptor, ReasonerTokenizer tokenizer) {

    /** @param instruction a TLDR level's text, or null */
    public int[] encode(String problem, String instruction) {
        return tokenizer.encode(descriptor.prompt(problem, instruction));
    }

    /** @throws io.thinkmeter.chat.ChatTemplateException when the model cannot take the conversation */
    public int[] encode(List<ChatMessage> messages, String instruction) {
        return tokenizer.encode(descriptor.prompt(messages, instruction));
    }
}
