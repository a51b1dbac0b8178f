package io.thinkmeter.chat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What a service that renders conversations needs to know of a served model, read from its
 * {@code reasoner.json}: its name, its chat template and its TLDR levels' instructions. The decoding
 * engine reads the whole descriptor; the front door reads only this.
 *
 * @param levels level name (short, medium, long) to its instruction; empty when the model has no levels
 */
public record ChatModel(String name, ChatTemplate template, Map<String, String> levels) {

    public static final String DESCRIPTOR = "reasoner.json";

    /** @throws IllegalArgumentException when the descriptor is missing a name or a chat template */
    public static ChatModel read(Path modelDir) {
        Path file = modelDir.resolve(DESCRIPTOR);
        JsonNode json;
        try {
            json = new ObjectMapper().readTree(Files.readString(file));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
        String name = json.path("name").asText(null);
        if (name == null) {
            throw new IllegalArgumentException(file + " has no name");
        }
        return new ChatModel(name, templateOf(json, file), levelsOf(json));
    }

    /** The template in a parsed reasoner.json; the engine's descriptor calls this too. */
    public static ChatTemplate templateOf(JsonNode reasonerJson, Path file) {
        String source = reasonerJson.path("chat_template").asText(null);
        if (source == null) {
            throw new IllegalArgumentException(file + " has no chat_template (Hugging Face's Jinja form)");
        }
        return new ChatTemplate(source, reasonerJson.path("bos_token").asText(null),
                reasonerJson.path("eos_token").asText(null));
    }

    private static Map<String, String> levelsOf(JsonNode json) {
        Map<String, String> levels = new LinkedHashMap<>();
        JsonNode node = json.path("levels");
        for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            levels.put(e.getKey(), e.getValue().asText());
        }
        return Map.copyOf(levels);
    }

    public boolean hasLevels() {
        return !levels.isEmpty();
    }
}
