package io.thinkmeter.ops.platform;

import com.fasterxml.jackson.databind.JsonNode;
import io.thinkmeter.contracts.Json;
import io.thinkmeter.engine.model.ReasonerDescriptor;
import io.thinkmeter.engine.model.ReasonerTokenizer;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

/**
 * What the served models can take at all, so ingest refuses with a 400 what no worker could run
 * (instead of accepting it and storing an error result): the largest budget (the context less the
 * shortest prompt) and the longest problem text.
 *
 * <p>The problem bound never refuses a problem that fits: each token of the vocabulary covers at most
 * L bytes of text (L: its longest entry), and a character is at least one byte, so a problem of C
 * characters needs at least C / L tokens; beyond (context - prompt template) * L characters it cannot fit.
 *
 * @param maxBudget the most tokens a request may ask for (over the served models)
 * @param maxProblemChars the longest problem text any served model could take
 */
public record ModelLimits(int maxBudget, int maxProblemChars) {

    /** Tokens of the template the boundary with the problem might merge away; the bounds stay on the safe side. */
    private static final int MERGE_SLACK = 2;

    public static ModelLimits of(ModelDirs models) throws IOException {
        ModelLimits main = of(models.main());
        if (models.tldr() == null) {
            return main;
        }
        ModelLimits tldr = of(models.tldr());
        return new ModelLimits(Math.max(main.maxBudget, tldr.maxBudget),
                Math.max(main.maxProblemChars, tldr.maxProblemChars));
    }

    static ModelLimits of(Path modelDir) throws IOException {
        ReasonerDescriptor d = ReasonerDescriptor.read(modelDir.resolve("reasoner.json"));
        Path tokenizerFile = modelDir.resolve(d.tokenizerFile());
        List<String> instructions = new ArrayList<>();
        if (d.levels() == null || d.levels().isEmpty()) {
            instructions.add(null);
        } else {
            instructions.addAll(d.levels().values());
        }
        int shortestTemplate = Integer.MAX_VALUE;
        try (ReasonerTokenizer tokenizer = ReasonerTokenizer.load(tokenizerFile)) {
            for (String instruction : instructions) {
                shortestTemplate = Math.min(shortestTemplate, tokenizer.encode(d.prompt("", instruction)).length);
            }
        }
        int template = Math.max(0, shortestTemplate - MERGE_SLACK);
        // at least one token of problem and one generated token
        int maxBudget = Math.max(1, d.maxContext() - template - 1);
        int maxProblemTokens = Math.max(1, d.maxContext() - template - 1);
        return new ModelLimits(maxBudget, maxProblemTokens * longestTokenBytes(tokenizerFile));
    }

    /** The longest vocabulary entry in UTF-8 bytes (byte-level entries count one byte per character or more). */
    static int longestTokenBytes(Path tokenizerJson) throws IOException {
        JsonNode tokenizer = Json.forServices().readTree(tokenizerJson.toFile());
        int longest = 1;
        for (Iterator<String> it = tokenizer.path("model").path("vocab").fieldNames(); it.hasNext(); ) {
            longest = Math.max(longest, it.next().getBytes(StandardCharsets.UTF_8).length);
        }
        for (JsonNode added : tokenizer.path("added_tokens")) {
            longest = Math.max(longest, added.path("content").asText("").getBytes(StandardCharsets.UTF_8).length);
        }
        return longest;
    }
}
