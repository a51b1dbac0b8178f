package io.thinkmeter.engine;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** The tiny model's held-out problems (eval.jsonl), for engine tests. */
final class EvalSet {

    private EvalSet() {}

    static List<JsonNode> first(Path modelDir, int n) throws IOException {
        ObjectMapper json = new ObjectMapper();
        List<JsonNode> out = new ArrayList<>();
        for (String line : Files.readAllLines(modelDir.resolve("eval.jsonl"))) {
            if (out.size() == n) {
                break;
            }
            out.add(json.readTree(line));
        }
        return out;
    }

    /** Every k-th problem, so a small sample covers all families and difficulties. */
    static List<JsonNode> spread(Path modelDir, int n) throws IOException {
        List<JsonNode> all = first(modelDir, Integer.MAX_VALUE);
        List<JsonNode> out = new ArrayList<>();
        int stride = Math.max(1, all.size() / n);
        for (int i = 0; i < all.size() && out.size() < n; i += stride) {
            out.add(all.get(i));
        }
        return out;
    }
}
