package io.thinkmeter.engine;

import io.thinkmeter.contracts.ChatMessage;
import io.thinkmeter.contracts.Level;
import io.thinkmeter.engine.decoding.DecodeSettings;

import java.util.List;

/**
 * One problem (or conversation) to decode.
 *
 * @param id the caller's id, carried into the result
 * @param problem the problem text, placed in the model's prompt template
 * @param level the TLDR level, or null
 * @param settings method, budget and sampling
 * @param messages the conversation, when the request is one: rendered with the model's chat template in
 *                 place of the problem alone; null otherwise
 */
public record DecodeRequest(String id, String problem, Level level, DecodeSettings settings,
                            List<ChatMessage> messages) {

    /** A problem, not a conversation. */
    public DecodeRequest(String id, String problem, Level level, DecodeSettings settings) {
        this(id, problem, level, settings, null);
    }
}
