package io.thinkmeter.ingest.openai;

import java.util.Map;
import java.util.regex.Pattern;

/**
 * OpenAI's {@code param}, the request field an error is about, read off our own problem sentences, which
 * by convention begin with the field they are about ("temperature must be a number, was ..."). Rules
 * that {@code RequestValidator} words in the request's terms name the chat field the caller wrote.
 */
public final class OpenAiParams {

    /** A field path: {@code max_tokens}, {@code thinkmeter.min_thinking}, {@code messages[2].content}. */
    private static final Pattern FIELD = Pattern.compile("[a-z_]+(\\[\\d+])?(\\.[a-z_]+(\\[\\d+])?)*");
    private static final Map<String, String> CHAT_FIELD = Map.ofEntries(
            Map.entry("problem", ChatBody.MESSAGES),
            Map.entry("budget", "max_completion_tokens"),
            Map.entry("thinking_limit", "thinking_token_budget"),
            Map.entry("method", "thinkmeter.method"),
            Map.entry("level", Efforts.FIELD),
            Map.entry("stop_temperature", "thinkmeter.stop_temperature"),
            Map.entry("answer_reserve", "thinkmeter.answer_reserve"),
            Map.entry("min_thinking", "thinkmeter.min_thinking"),
            Map.entry("sampling.temperature", "temperature"),
            Map.entry("sampling.top_p", "top_p"),
            Map.entry("sampling.seed", "seed"),
            Map.entry("samples", "n"));

    private OpenAiParams() {}

    /** The field the sentence is about, in the chat body's terms; null when it names none. */
    public static String of(String problem) {
        int space = problem.indexOf(' ');
        String first = space < 0 ? problem : problem.substring(0, space);
        if (!FIELD.matcher(first).matches()) {
            return null;
        }
        return CHAT_FIELD.getOrDefault(first, first);
    }
}
