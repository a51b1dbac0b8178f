package io.thinkmeter.evaluation;

import static io.thinkmeter.evaluation.Outcomes.decoded;
import static io.thinkmeter.evaluation.Outcomes.failed;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.thinkmeter.contracts.Method;
import org.junit.jupiter.api.Test;

import java.util.List;

class EvalReportTest {

    @Test
    void shouldComputeEveryFigureOfARowExactly() {
        List<ReportRow> rows = EvalReport.rows(List.of(
                decoded("ts", 96, 2.0, 9, 19, false),
                decoded("none", 48, null, 30, 40, false),
                decoded("none", 48, null, 10, 20, true),
                decoded("ts", 96, 2.0, 5, 15, false),
                failed("none", 48, null),
                decoded("none", 48, null, 40, 48, true),
                decoded("none", 48, null, 20, 30, true),
                decoded("ts", 96, 2.0, 7, 17, false)));

        assertEquals(2, rows.size());
        // Errors count in n and as wrong; token figures are over the 4 decoded problems.
        assertEquals(new ReportRow(Method.NONE, null, 48, null, 5, 1, 3, 0.6, 25.0, 25.0, 40, 34.5, 44.5, 46.0, null, null),
                rows.get(0));
        assertEquals(new ReportRow(Method.TS, null, 96, 2.0, 3, 0, 0, 0.0, 7.0, 7.0, 9, 17.0, 27.0, null, null, null), rows.get(1));
    }

    @Test
    void shouldOrderRowsByMethodThenBudgetThenTau() {
        List<ReportRow> rows = EvalReport.rows(List.of(
                decoded("ts", 64, 4.0, 5, 15, true), decoded("ts", 64, 1.0, 5, 15, true),
                decoded("budget-forcing", 96, null, 5, 15, true), decoded("budget-forcing", 48, null, 5, 15, true),
                decoded("none", 96, null, 5, 15, true)));
        assertEquals(List.of("none/96/null", "budget-forcing/48/null", "budget-forcing/96/null", "ts/64/1.0",
                "ts/64/4.0"), rows.stream().map(r -> r.method().wireName() + "/" + r.budget() + "/" + r.stopTemperature()).toList());
    }

    @Test
    void shouldLeaveTokenFiguresEmptyWhenNothingWasDecoded() {
        ReportRow row = EvalReport.rows(List.of(failed("tldr", 48, null))).get(0);
        assertEquals(1, row.n());
        assertEquals(1, row.errors());
        assertEquals(Double.NaN, row.meanThinkingTokens());
        assertNull(row.p90ThinkingTokens());
        assertNull(row.tokensPerCorrect());
    }

    @Test
    void percentilesShouldBeTheMiddleValueAndNearestRank() {
        assertEquals(2.0, Percentiles.median(new int[] {3, 1, 2}));
        assertEquals(2.5, Percentiles.median(new int[] {4, 1, 3, 2}));
        assertEquals(9, Percentiles.nearestRank(new int[] {10, 9, 8, 7, 6, 5, 4, 3, 2, 1}, 90));
        assertEquals(10, Percentiles.nearestRank(new int[] {10, 9, 8, 7, 6, 5, 4, 3, 2, 1, 11}, 90),
                "ceil(0.9 * 11) = 10th smallest");
        assertEquals(7, Percentiles.nearestRank(new int[] {7}, 90));
        assertEquals(2, Percentiles.nearestRank(new int[] {1, 2, 3, 4}, 50));
        assertEquals(4, Percentiles.max(new int[] {1, 4, 3}));
        assertThrows(IllegalArgumentException.class, () -> Percentiles.median(new int[0]));
    }

    /** Two TLDR models in one run: rows, chart lines, equal-tokens comparisons and JSON rows named after each. */
    @Test
    void shouldKeepTheRowsOfEachTldrModelApartNamedAfterIt() throws Exception {
        Outcome warm = new Outcome("p", null, "1", "1", true, Method.TLDR, io.thinkmeter.contracts.Level.SHORT, 96,
                null, 16, 10, 30, 5, 0, 35, io.thinkmeter.contracts.StopReason.NATURAL, null);
        Outcome rl = new Outcome("p", null, "1", "2", false, Method.TLDR, io.thinkmeter.contracts.Level.SHORT, 96,
                null, 16, 10, 20, 5, 0, 25, io.thinkmeter.contracts.StopReason.NATURAL, null);
        List<ReportRow> rows = EvalReport.rows(List.of(rl.onTldrModel("rl"), warm.onTldrModel("warm-start"),
                decoded("none", 96, null, 20, 30, true), decoded("none", 48, null, 10, 20, false)));

        assertEquals(List.of("none", "none", "tldr (rl)", "tldr (warm-start)"),
                rows.stream().map(ReportRow::methodLabel).toList());
        assertEquals(List.of("none", "tldr short (rl)", "tldr short (warm-start)"),
                List.copyOf(AccuracyChart.byMethod(rows).keySet()));
        List<EqualTokens> equal = EqualTokens.compare(rows);
        assertEquals(List.of("rl", "warm-start"), equal.stream().map(EqualTokens::tldrModel).toList());
        var json = new com.fasterxml.jackson.databind.ObjectMapper().readTree(
                ReportPrinter.json(rows, equal, "m", "rl, warm-start", "d", 1));
        assertEquals("warm-start", json.get("rows").get(3).get("tldr_model").asText(), json.toString());
        assertFalse(json.get("rows").get(0).has("tldr_model"), json.toString());
        assertEquals("rl", json.get("equal_tokens").get(0).get("tldr_model").asText(), json.toString());
        assertTrue(ReportPrinter.table(rows).contains("tldr (warm-start)"));
        assertTrue(ReportPrinter.equalTokensTable(equal).contains("short (warm-start)"));
        assertTrue(warm.onTldrModel("w").withMinThinking(null).tldrModel().equals("w"), "a minimum keeps the model");
    }
}
