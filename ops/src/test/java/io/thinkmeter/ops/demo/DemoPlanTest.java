package io.thinkmeter.ops.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.thinkmeter.contracts.Method;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;

class DemoPlanTest {

    private static Path evalSet(Path dir, int n) throws Exception {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < n; i++) {
            b.append("{\"problem\": \"Compute ").append(i).append(" + 1.\", \"answer\": \"").append(i + 1).append("\"}\n");
        }
        return Files.writeString(dir.resolve("eval.jsonl"), b.toString());
    }

    @Test
    void everyPoolSeesEveryMethodTldrIncludedWhenThereIsATldrModel(@TempDir Path dir) throws Exception {
        DemoPlan plan = DemoPlan.build(evalSet(dir, 200), 120, true);

        assertEquals(120, plan.items().size());
        Set<String> budgetAndMethod = new HashSet<>();
        plan.items().forEach(i -> budgetAndMethod.add(i.budget() + "/" + i.method().wireName()));
        assertEquals(12, budgetAndMethod.size(), "3 budgets x 4 methods: " + budgetAndMethod);
        assertTrue(budgetAndMethod.contains("48/tldr") && budgetAndMethod.contains("192/tldr"), budgetAndMethod.toString());
        assertTrue(plan.jsonl().lines().allMatch(l -> !l.contains("\"level\"")),
                "tldr lines name no level: the scheduler maps the budget to one");
    }

    @Test
    void withoutATldrModelTheDemoLeavesTldrOut(@TempDir Path dir) throws Exception {
        DemoPlan plan = DemoPlan.build(evalSet(dir, 100), 90, false);

        assertTrue(plan.items().stream().noneMatch(i -> i.method() == Method.TLDR));
        assertEquals(Set.of(Method.NONE, Method.BUDGET_FORCING, Method.TS),
                new HashSet<>(plan.items().stream().map(DemoPlan.Item::method).toList()));
    }

    @Test
    void askedForMoreProblemsThanTheSetHoldsItGoesRoundAgainWithOwnClientIds(@TempDir Path dir) throws Exception {
        DemoPlan plan = DemoPlan.build(evalSet(dir, 100), 250, false);

        assertEquals(250, plan.items().size());
        assertEquals(250, new HashSet<>(plan.items().stream().map(DemoPlan.Item::clientId).toList()).size());
        assertEquals(plan.items().get(0).problem(), plan.items().get(100).problem());
    }
}
