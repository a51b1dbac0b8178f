package io.thinkmeter.ops.demo;

import com.fasterxml.jackson.databind.JsonNode;
import io.thinkmeter.contracts.Json;
import io.thinkmeter.contracts.Method;
import io.thinkmeter.contracts.ProblemSubmission;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The demo's problem set: problems of the model's eval.jsonl, spread over its families, each paired
 * with one of three budgets and one of the methods, so every pool sees every method. With a TLDR
 * model the methods include tldr, whose level the scheduler takes from the budget's pool. Asked for
 * more problems than the set holds, it goes round the set again.
 */
public final class DemoPlan {

    /** One demo problem with what it is submitted with and its gold answer. */
    public record Item(String clientId, String problem, int budget, Method method, String gold) {}

    static final int[] BUDGETS = {48, 96, 192};
    static final List<Method> METHODS = List.of(Method.NONE, Method.BUDGET_FORCING, Method.TS);
    static final List<Method> WITH_TLDR = List.of(Method.NONE, Method.BUDGET_FORCING, Method.TS, Method.TLDR);

    private final List<Item> items;

    private DemoPlan(List<Item> items) {
        this.items = items;
    }

    public static DemoPlan build(Path evalJsonl, int n) throws IOException {
        return build(evalJsonl, n, false);
    }

    /** @param withTldr whether a TLDR model serves method tldr, so the demo can include it */
    public static DemoPlan build(Path evalJsonl, int n, boolean withTldr) throws IOException {
        List<Method> methods = withTldr ? WITH_TLDR : METHODS;
        List<JsonNode> all = new ArrayList<>();
        for (String line : Files.readAllLines(evalJsonl)) {
            if (!line.isBlank()) {
                all.add(Json.forServices().readTree(line));
            }
        }
        List<Item> items = new ArrayList<>();
        int stride = Math.max(1, all.size() / n);
        for (int i = 0; i < n; i++) {
            // more problems than the set has (a benchmark's thousands): go round it again
            JsonNode p = all.get((i * stride) % all.size());
            items.add(new Item("demo-" + i, p.get("problem").asText(), BUDGETS[i % BUDGETS.length],
                    methods.get((i / BUDGETS.length) % methods.size()), p.get("answer").asText()));
        }
        return new DemoPlan(items);
    }

    public List<Item> items() {
        return items;
    }

    /** The batch body: one request per line in Thinkmeter's format; the stop temperature comes from the budget. */
    public String jsonl() {
        StringBuilder b = new StringBuilder();
        for (Item item : items) {
            b.append(Json.line(ProblemSubmission.of(item.clientId(), item.problem(), item.budget(), item.method())));
        }
        return b.toString();
    }

    public Map<String, String> goldByClientId() {
        Map<String, String> gold = new HashMap<>();
        items.forEach(i -> gold.put(i.clientId(), i.gold()));
        return gold;
    }
}
