package io.thinkmeter.ops.demo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Per pool and method: the model that served it, requests, accuracy, mean thinking tokens and total
 * tokens, from stored results.
 */
public final class DemoReport {

    /** One table row. */
    public record Row(String pool, String method, String model, int requests, double accuracy,
                      double meanThinkingTokens, long totalTokens) {}

    private static final List<String> POOL_ORDER = List.of("short", "medium", "long");

    private final int submitted;
    private final List<JsonNode> results;
    private final Map<String, String> gold;

    /** @param gold the expected answer by client id; results without one count as wrong */
    public DemoReport(int submitted, List<JsonNode> results, Map<String, String> gold) {
        this.submitted = submitted;
        this.results = results;
        this.gold = gold;
    }

    public List<Row> rows() {
        Map<String, List<JsonNode>> groups = new TreeMap<>((a, b) -> {
            String[] x = a.split("/");
            String[] y = b.split("/");
            int byPool = Integer.compare(POOL_ORDER.indexOf(x[0]), POOL_ORDER.indexOf(y[0]));
            return byPool != 0 ? byPool : x[1].compareTo(y[1]);
        });
        for (JsonNode r : results) {
            groups.computeIfAbsent(r.path("pool").asText() + "/" + r.path("method").asText(), k -> new ArrayList<>())
                    .add(r);
        }
        List<Row> rows = new ArrayList<>();
        groups.forEach((key, list) -> {
            int correct = 0;
            long thinking = 0;
            long total = 0;
            for (JsonNode r : list) {
                String expected = gold.get(r.path("client_id").asText());
                if (expected != null && expected.equals(r.path("final_answer").asText(null))) {
                    correct++;
                }
                thinking += r.path("thinking_tokens").asLong();
                total += r.path("prompt_tokens").asLong() + r.path("generated_tokens").asLong();
            }
            String[] parts = key.split("/");
            rows.add(new Row(parts[0], parts[1], list.get(0).path("model").asText("-"), list.size(), (double) correct / list.size(),
                    (double) thinking / list.size(), total));
        });
        return rows;
    }

    public String table() {
        StringBuilder b = new StringBuilder();
        b.append(String.format("%-7s %-15s %-20s %8s %9s %14s %13s%n", "pool", "method", "model", "requests",
                "accuracy", "mean thinking", "total tokens"));
        for (Row r : rows()) {
            String accuracy = gold.isEmpty() ? "-" : String.format("%.1f%%", 100 * r.accuracy());
            b.append(String.format("%-7s %-15s %-20s %8d %9s %14.1f %13d%n", r.pool(), r.method(), r.model(),
                    r.requests(),
                    accuracy, r.meanThinkingTokens(), r.totalTokens()));
        }
        b.append(String.format("%d submitted, %d result rows in PostgreSQL%n", submitted, results.size()));
        return b.toString();
    }

    public String json() {
        ObjectMapper mapper = new ObjectMapper();
        ObjectNode o = mapper.createObjectNode();
        o.put("submitted", submitted);
        o.put("results", results.size());
        ArrayNode rows = o.putArray("rows");
        for (Row r : rows()) {
            rows.addObject().put("pool", r.pool()).put("method", r.method()).put("model", r.model())
                    .put("requests", r.requests())
                    .put("accuracy", r.accuracy()).put("mean_thinking_tokens", r.meanThinkingTokens())
                    .put("total_tokens", r.totalTokens());
        }
        return o.toString();
    }
}
