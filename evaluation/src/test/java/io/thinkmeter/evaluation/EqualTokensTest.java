package io.thinkmeter.evaluation;

import static io.thinkmeter.evaluation.Outcomes.decoded;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.thinkmeter.contracts.Level;
import io.thinkmeter.contracts.Method;
import io.thinkmeter.contracts.StopReason;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

class EqualTokensTest {

    /** Two problems per row: accuracy 0, 0.5 or 1; generated tokens as given. */
    private static List<Outcome> row(String method, String level, int budget, int generated, int correct) {
        List<Outcome> out = new ArrayList<>();
        for (int i = 0; i < 2; i++) {
            Outcome o = decoded(method, budget, null, generated - 2, generated, i < correct);
            out.add(new Outcome(o.problemId(), null, o.gold(), o.finalAnswer(), o.correct(), Method.fromWireName(method),
                    level == null ? null : Level.fromWireName(level), budget, null, 16, 10, generated - 2, 2, 0, generated,
                    StopReason.NATURAL, null));
        }
        return out;
    }

    private final List<ReportRow> rows = EvalReport.rows(concat(
            row("budget-forcing", null, 32, 30, 0), row("budget-forcing", null, 64, 50, 1),
            row("budget-forcing", null, 96, 70, 2),
            row("tldr", "short", 192, 40, 2), row("tldr", "long", 192, 90, 2), row("tldr", "medium", 192, 50, 2)));

    @SafeVarargs
    private static List<Outcome> concat(List<Outcome>... parts) {
        List<Outcome> all = new ArrayList<>();
        for (List<Outcome> p : parts) {
            all.addAll(p);
        }
        return all;
    }

    @Test
    void shouldReadTheOtherMethodsCurveAtTheTldrRowsTokens() {
        List<EqualTokens> compared = EqualTokens.compare(rows);

        assertEquals(3, compared.size());
        EqualTokens shortLevel = compared.get(0);
        EqualTokens medium = compared.get(1);
        EqualTokens longLevel = compared.get(2);
        assertEquals(Level.SHORT, shortLevel.level());
        assertEquals(40.0, shortLevel.meanGeneratedTokens());
        assertEquals(1.0, shortLevel.tldrAccuracy());
        // halfway between (30 tokens, 0%) and (50 tokens, 50%)
        assertEquals(0.25, shortLevel.others().get(Method.BUDGET_FORCING), 1e-9);
        assertEquals(0.5, medium.others().get(Method.BUDGET_FORCING), 1e-9, "a measured point is read as is");
        assertTrue(longLevel.others().containsKey(Method.BUDGET_FORCING));
        assertNull(longLevel.others().get(Method.BUDGET_FORCING), "90 tokens is beyond the curve's 70: no value");
    }

    @Test
    void budgetForcingWithAMinimumIsItsOwnRowAndNoPointOfBudgetForcingsCurve() {
        List<Outcome> outcomes = new ArrayList<>(concat(row("budget-forcing", null, 64, 50, 1), row("tldr", "short", 192, 50, 2)));
        row("budget-forcing", null, 64, 50, 2).forEach(o -> outcomes.add(o.withMinThinking(40)));
        List<ReportRow> withMinimum = EvalReport.rows(outcomes);

        assertEquals(List.of("budget-forcing", "budget-forcing min 40", "tldr"),
                withMinimum.stream().map(ReportRow::methodLabel).toList());
        assertEquals(0.5, EqualTokens.compare(withMinimum).get(0).others().get(Method.BUDGET_FORCING), 1e-9,
                "the curve without a minimum: 50%, not the minimum's 100% at the same tokens");
        assertEquals(List.of("budget-forcing", "budget-forcing min 40", "tldr short"),
                List.copyOf(AccuracyChart.byMethod(withMinimum).keySet()));
    }

    @Test
    void belowTheCurveThereIsNoValueEither() {
        EqualTokens.Curve curve = EqualTokens.frontier(EvalReport.rows(row("ts", null, 48, 30, 1)));
        assertNull(EqualTokens.accuracyAt(curve, 29.9));
        assertEquals(0.5, EqualTokens.accuracyAt(curve, 30.0));
        assertNull(EqualTokens.accuracyAt(curve, 30.1));
    }

    /**
     * Rows a cheaper row beats are no points of the curve: a late-stopping setting (60 tokens, 50%) must not
     * drag the method below what it reached at 50 tokens (100%).
     */
    @Test
    void theCurveIsTheMethodsFrontier() {
        EqualTokens.Curve curve = EqualTokens.frontier(EvalReport.rows(concat(row("ts", null, 32, 30, 1),
                row("ts", null, 64, 50, 2), row("ts", null, 96, 60, 1), row("ts", null, 128, 70, 2))));
        assertEquals(List.of(30.0, 50.0), curve.points().stream().map(ReportRow::meanGeneratedTokens).toList());
        assertEquals(0.75, EqualTokens.accuracyAt(curve, 40.0), 1e-9, "interpolated between frontier points");
        assertEquals(1.0, EqualTokens.accuracyAt(curve, 65.0), 1e-9, "flat after the last: spending less is allowed");
        assertNull(EqualTokens.accuracyAt(curve, 70.1), "beyond the measured range");
    }

    @Test
    void reportShowsTheComparisonInTheTableAndTheJson() throws Exception {
        List<EqualTokens> compared = EqualTokens.compare(rows);
        String table = ReportPrinter.equalTokensTable(compared);
        assertTrue(table.contains("At equal tokens"), table);
        assertTrue(table.lines().anyMatch(l -> l.startsWith("short") && l.contains("100.0%") && l.contains("25.0%")),
                table);

        JsonNode o = new ObjectMapper().readTree(ReportPrinter.json(rows, compared, "tiny-reasoner",
                "tiny-reasoner-tldr", "eval.jsonl", 2));
        assertEquals("tiny-reasoner-tldr", o.get("tldr_model").asText());
        assertEquals(3, o.get("equal_tokens").size());
        JsonNode shortLevel = o.get("equal_tokens").get(0);
        assertEquals("short", shortLevel.get("level").asText());
        assertEquals(0.25, shortLevel.get("accuracy_at_equal_tokens").get("budget-forcing").asDouble(), 1e-9);
        assertTrue(o.get("equal_tokens").get(2).get("accuracy_at_equal_tokens").get("budget-forcing").isNull());
    }

    @Test
    void noTldrRowsNoComparison() {
        assertEquals(List.of(), EqualTokens.compare(EvalReport.rows(row("none", null, 48, 30, 1))));
        assertEquals(List.of(), EqualTokens.compare(EvalReport.rows(row("tldr", "short", 48, 30, 1))),
                "tldr alone has nothing to be compared with");
        assertEquals("", ReportPrinter.equalTokensTable(List.of()));
    }
}
