package io.thinkmeter.ops.eval;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** Writes one JSON line per outcome: the per-problem record an evaluation's figures can be redone from. */
public final class ResultsWriter {

    private static final ObjectMapper JSON = new ObjectMapper();

    private ResultsWriter() {}

    public static void write(Path file, List<Outcome> outcomes) throws IOException {
        Path parent = file.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        try (BufferedWriter out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            for (Outcome o : outcomes) {
                out.write(line(o).toString());
                out.write('\n');
            }
        }
    }

    static ObjectNode line(Outcome o) {
        ObjectNode n = JSON.createObjectNode();
        n.put("problem_id", o.problemId());
        if (o.requestId() != null) {
            n.put("request_id", o.requestId());
        }
        n.put("gold", o.gold());
        n.put("final_answer", o.finalAnswer());
        n.put("correct", o.correct());
        n.put("method", o.method());
        n.put("level", o.level());
        n.put("budget", o.budget());
        n.put("stop_temperature", o.stopTemperature());
        n.put("answer_reserve", o.answerReserve());
        n.put("prompt_tokens", o.promptTokens());
        n.put("thinking_tokens", o.thinkingTokens());
        n.put("answer_tokens", o.answerTokens());
        n.put("injected_tokens", o.injectedTokens());
        n.put("generated_tokens", o.generatedTokens());
        n.put("stop_reason", o.stopReason());
        n.put("error", o.error());
        return n;
    }
}
