package io.thinkmeter.ops.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.thinkmeter.contracts.Method;
import io.thinkmeter.contracts.Pool;
import io.thinkmeter.contracts.ProblemResult;
import io.thinkmeter.contracts.StopReason;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

class DemoReportTest {

    private static ProblemResult result(String clientId, Pool pool, Method method, String answer, int thinking) {
        return new ProblemResult(1, "r-" + clientId, clientId, "demo", "b", 0, answer, "t", "a", 10, thinking, 5, 0,
                thinking + 5, 96, StopReason.NATURAL, "tiny-reasoner", method, null, null, pool, "w", null, null);
    }

    private final DemoReport report = new DemoReport(5, List.of(
            result("1", Pool.LONG, Method.NONE, "7", 40),
            result("2", Pool.SHORT, Method.TS, "7", 20),
            result("3", Pool.SHORT, Method.BUDGET_FORCING, "8", 30),
            result("4", Pool.SHORT, Method.TS, "8", 10),
            result("5", Pool.MEDIUM, Method.NONE, "7", 50)), Map.of("1", "7", "2", "7", "3", "7", "4", "7", "5", "7"));

    @Test
    void shouldGroupByPoolFromShortToLongThenByMethodName() {
        assertEquals(List.of(
                new DemoReport.Row(Pool.SHORT, Method.BUDGET_FORCING, "tiny-reasoner", 1, 0.0, 30.0, 45),
                new DemoReport.Row(Pool.SHORT, Method.TS, "tiny-reasoner", 2, 0.5, 15.0, 60),
                new DemoReport.Row(Pool.MEDIUM, Method.NONE, "tiny-reasoner", 1, 1.0, 50.0, 65),
                new DemoReport.Row(Pool.LONG, Method.NONE, "tiny-reasoner", 1, 1.0, 40.0, 55)), report.rows());
    }

    @Test
    void shouldPrintTheTableAndTheJsonAsBefore() {
        assertEquals(String.format("%-7s %-15s %-20s %8s %9s %14s %13s%n", "pool", "method", "model", "requests",
                        "accuracy", "mean thinking", "total tokens")
                        + String.format("%-7s %-15s %-20s %8d %9s %14.1f %13d%n", "short", "budget-forcing",
                        "tiny-reasoner", 1, "0.0%", 30.0, 45),
                report.table().lines().limit(2).map(l -> l + System.lineSeparator()).reduce("", String::concat));
        assertEquals("{\"submitted\":5,\"results\":5,\"rows\":[{\"pool\":\"short\",\"method\":\"budget-forcing\","
                + "\"model\":\"tiny-reasoner\",\"requests\":1,\"accuracy\":0.0,\"mean_thinking_tokens\":30.0,"
                + "\"total_tokens\":45},", report.json().substring(0, report.json().indexOf("},") + 2));
    }
}
