package io.thinkmeter.ops.demo;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.thinkmeter.workers.engine.DecodeResult;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Per pool and method: requests, accuracy, mean thinking tokens and total tokens. */
public final class DemoReport {

    /** One table row. */
    public record Row(String pool, String method, int requests, double accuracy, double meanThinkingTokens,
                      long totalTokens) {}

    private final Map<String, List<Object[]>> groups = new LinkedHashMap<>();
    private int submitted;
    private int results;

    public void submitted(int n) {
        submitted += n;
    }

    public void add(DemoPlan.Item item, DecodeResult result) {
        results++;
        boolean correct = item.gold().equals(result.finalAnswer());
        String key = item.pool() + "\u0000" + item.request().settings().method().wireName();
        groups.computeIfAbsent(key, k -> new ArrayList<>()).add(new Object[] {correct, result});
    }

    public List<Row> rows() {
        List<Row> rows = new ArrayList<>();
        groups.forEach((key, list) -> {
            String[] parts = key.split("\u0000");
            int correct = 0;
            long thinking = 0;
            long total = 0;
            for (Object[] entry : list) {
                DecodeResult r = (DecodeResult) entry[1];
                correct += (Boolean) entry[0] ? 1 : 0;
                thinking += r.thinkingTokens();
                total += r.promptTokens() + r.generatedTokens();
            }
            rows.add(new Row(parts[0], parts[1], list.size(), (double) correct / list.size(),
                    (double) thinking / list.size(), total));
        });
        return rows;
    }

    public String table() {
        StringBuilder b = new StringBuilder();
        b.append(String.format("%-7s %-15s %8s %9s %14s %13s%n", "pool", "method", "requests", "accuracy",
                "mean thinking", "total tokens"));
        for (Row r : rows()) {
            b.append(String.format("%-7s %-15s %8d %8.1f%% %14.1f %13d%n", r.pool(), r.method(), r.requests(),
                    100 * r.accuracy(), r.meanThinkingTokens(), r.totalTokens()));
        }
        return b.toString();
    }

    public String json() throws Exception {
        ObjectMapper mapper = new ObjectMapper();
        ObjectNode o = mapper.createObjectNode();
        o.put("submitted", submitted);
        o.put("results", results);
        ArrayNode rows = o.putArray("rows");
        for (Row r : rows()) {
            ObjectNode row = rows.addObject();
            row.put("pool", r.pool());
            row.put("method", r.method());
            row.put("requests", r.requests());
            row.put("accuracy", r.accuracy());
            row.put("mean_thinking_tokens", r.meanThinkingTokens());
            row.put("total_tokens", r.totalTokens());
        }
        return mapper.writeValueAsString(o);
    }
}
