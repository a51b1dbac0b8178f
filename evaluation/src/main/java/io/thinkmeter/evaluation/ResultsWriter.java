package io.thinkmeter.evaluation;

import io.thinkmeter.contracts.Json;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** Writes one JSON line per outcome: the per-problem record an evaluation's figures can be redone from. */
public final class ResultsWriter {

    private ResultsWriter() {}

    public static void write(Path file, List<Outcome> outcomes) throws IOException {
        Path parent = file.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        try (BufferedWriter out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            for (Outcome o : outcomes) {
                out.write(Json.line(o));
            }
        }
    }
}
