package io.thinkmeter.ingest.openai;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.util.ArrayList;
import java.util.List;

/**
 * A finished chat completion as OpenAI's server-sent events ({@code stream: true}): for each choice a
 * role chunk, a {@code reasoning_content} chunk with the thinking, a {@code content} chunk with the answer
 * and a chunk with its {@code finish_reason}; then, with {@code stream_options.include_usage}, a chunk
 * with no choices and the usage; then {@code data: [DONE]}. The model has run whole before the first
 * event: the workers publish a result, not its tokens, so this is OpenAI's format, not token streaming.
 */
public final class ChatStream {

    public static final String MEDIA_TYPE = "text/event-stream";
    public static final String OBJECT = "chat.completion.chunk";
    public static final String DONE = "[DONE]";

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Chunk(String id, String object, long created, String model, List<Choice> choices,
                        ChatCompletion.Usage usage) {}

    /** {@code finish_reason} is sent as null until the last chunk of a choice, as OpenAI does. */
    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record Choice(int index, Delta delta, String finishReason) {}

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Delta(String role, String content, String reasoningContent) {}

    private ChatStream() {}

    /** The events, in order, each {@code data: ...} and a blank line. */
    public static String events(ChatCompletion completion, boolean includeUsage, ObjectMapper json) {
        List<Chunk> chunks = new ArrayList<>();
        for (ChatCompletion.Choice c : completion.choices()) {
            ChatCompletion.Message m = c.message();
            chunks.add(chunk(completion, new Choice(c.index(), new Delta(m.role(), "", null), null)));
            if (m.reasoningContent() != null && !m.reasoningContent().isEmpty()) {
                chunks.add(chunk(completion, new Choice(c.index(), new Delta(null, null, m.reasoningContent()), null)));
            }
            chunks.add(chunk(completion, new Choice(c.index(), new Delta(null, m.content(), null), null)));
            chunks.add(chunk(completion, new Choice(c.index(), new Delta(null, null, null), c.finishReason())));
        }
        if (includeUsage) {
            chunks.add(new Chunk(completion.id(), OBJECT, completion.created(), completion.model(), List.of(),
                    completion.usage()));
        }
        StringBuilder events = new StringBuilder();
        try {
            for (Chunk chunk : chunks) {
                events.append("data: ").append(json.writeValueAsString(chunk)).append("\n\n");
            }
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a chat completion chunk does not serialise: " + e.getOriginalMessage(), e);
        }
        return events.append("data: ").append(DONE).append("\n\n").toString();
    }

    private static Chunk chunk(ChatCompletion completion, Choice choice) {
        return new Chunk(completion.id(), OBJECT, completion.created(), completion.model(), List.of(choice), null);
    }
}
