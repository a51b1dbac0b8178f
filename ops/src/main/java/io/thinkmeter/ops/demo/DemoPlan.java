package io.thinkmeter.ops.demo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.thinkmeter.workers.decoding.DecodeSettings;
import io.thinkmeter.workers.decoding.Method;
import io.thinkmeter.workers.decoding.Sampling;
import io.thinkmeter.workers.engine.BudgetTiers;
import io.thinkmeter.workers.engine.DecodeRequest;
import io.thinkmeter.workers.engine.StopTemperatureTable;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The demo's problem set: problems of the model's eval.jsonl, spread over its families, each paired
 * with one of three budgets and one of three methods, so every pool sees every method.
 */
public final class DemoPlan {

    /** A demo request with its gold answer and the pool its budget routes it to. */
    public record Item(DecodeRequest request, String gold, String pool) {}

    static final int[] BUDGETS = {48, 96, 192};
    static final Method[] METHODS = {Method.NONE, Method.BUDGET_FORCING, Method.TS};

    private DemoPlan() {}

    public static String pool(int budget) {
        return BudgetTiers.defaults().tierFor(budget);
    }

    public static List<Item> build(Path evalJsonl, int n, int answerReserve) throws IOException {
        ObjectMapper json = new ObjectMapper();
        List<JsonNode> all = new ArrayList<>();
        for (String line : Files.readAllLines(evalJsonl)) {
            all.add(json.readTree(line));
        }
        StopTemperatureTable taus = StopTemperatureTable.defaults();
        List<Item> items = new ArrayList<>();
        int stride = Math.max(1, all.size() / n);
        for (int i = 0; i < n && i * stride < all.size(); i++) {
            JsonNode p = all.get(i * stride);
            int budget = BUDGETS[i % BUDGETS.length];
            Method method = METHODS[(i / BUDGETS.length) % METHODS.length];
            DecodeSettings s = new DecodeSettings(method, budget, answerReserve, taus.forBudget(budget), 0, 0,
                    Sampling.greedy());
            items.add(new Item(new DecodeRequest("demo-" + i, p.get("problem").asText(), null, s),
                    p.get("answer").asText(), pool(budget)));
        }
        return items;
    }

    /** Items grouped by pool, in pool order short, medium, long. */
    public static Map<String, List<Item>> byPool(List<Item> items) {
        Map<String, List<Item>> out = new TreeMap<>((a, b) -> order(a) - order(b));
        for (Item item : items) {
            out.computeIfAbsent(item.pool(), k -> new ArrayList<>()).add(item);
        }
        return out;
    }

    private static int order(String pool) {
        return switch (pool) {
            case "short" -> 0;
            case "medium" -> 1;
            default -> 2;
        };
    }
}
