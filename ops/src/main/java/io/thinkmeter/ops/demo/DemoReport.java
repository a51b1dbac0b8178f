package io.thinkmeter.ops.demo;

import io.thinkmeter.contracts.Json;
import io.thinkmeter.contracts.Method;
import io.thinkmeter.contracts.Pool;
import io.thinkmeter.contracts.ProblemResult;
import io.thinkmeter.contracts.WireName;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Per pool and method: the model that served it, requests, accuracy, mean thinking tokens and total
 * tokens, from stored results.
 */
public final class DemoReport {

    /** One table row. */
    public record Row(Pool pool, Method method, String model, int requests, double accuracy,
                      double meanThinkingTokens, long totalTokens) {}

    /** What {@link #json} prints. */
    record Report(int submitted, int results, List<Row> rows) {}

    /** The group a result counts in: pools from short to long, methods by name (the table's order since the first demo). */
    private record Key(Pool pool, Method method) {
        static final Comparator<Key> ORDER = Comparator.comparing(Key::pool, Comparator.nullsLast(Comparator.naturalOrder()))
                .thenComparing(k -> k.method() == null ? "" : k.method().wireName());
    }

    private final int submitted;
    private final List<ProblemResult> results;
    private final Map<String, String> gold;

    /** @param gold the expected answer by client id; results without one count as wrong */
    public DemoReport(int submitted, List<ProblemResult> results, Map<String, String> gold) {
        this.submitted = submitted;
        this.results = results;
        this.gold = gold;
    }

    public List<Row> rows() {
        Map<Key, List<ProblemResult>> groups = new TreeMap<>(Key.ORDER);
        for (ProblemResult r : results) {
            groups.computeIfAbsent(new Key(r.pool(), r.method()), k -> new ArrayList<>()).add(r);
        }
        List<Row> rows = new ArrayList<>();
        groups.forEach((key, list) -> {
            int correct = 0;
            long thinking = 0;
            long total = 0;
            for (ProblemResult r : list) {
                String expected = gold.get(r.clientId());
                if (expected != null && expected.equals(r.finalAnswer())) {
                    correct++;
                }
                thinking += r.thinkingTokens();
                total += r.promptTokens() + r.generatedTokens();
            }
            String model = list.get(0).model() == null ? "-" : list.get(0).model();
            rows.add(new Row(key.pool(), key.method(), model, list.size(), (double) correct / list.size(),
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
            b.append(String.format("%-7s %-15s %-20s %8d %9s %14.1f %13d%n", name(r.pool()), name(r.method()),
                    r.model(), r.requests(), accuracy, r.meanThinkingTokens(), r.totalTokens()));
        }
        b.append(String.format("%d submitted, %d result rows in PostgreSQL%n", submitted, results.size()));
        return b.toString();
    }

    public String json() {
        return Json.text(new Report(submitted, results.size(), rows()));
    }

    private static String name(WireName n) {
        return n == null ? "" : n.wireName();
    }
}
