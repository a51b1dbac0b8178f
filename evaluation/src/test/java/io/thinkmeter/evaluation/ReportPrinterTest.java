package io.thinkmeter.evaluation;

import static io.thinkmeter.evaluation.Outcomes.decoded;
import static io.thinkmeter.evaluation.Outcomes.failed;
import static io.thinkmeter.evaluation.Outcomes.graded;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import java.util.List;

class ReportPrinterTest {

    private final List<ReportRow> rows = EvalReport.rows(List.of(
            decoded("none", 48, null, 10, 20, true), decoded("none", 48, null, 30, 40, false),
            decoded("ts", 48, 2.0, 8, 18, true), failed("tldr", 48, null)));

    @Test
    void jsonShouldHoldOneObjectPerRowWithTheReportFields() throws Exception {
        JsonNode o = new ObjectMapper().readTree(ReportPrinter.json(rows, "tiny-reasoner", "eval.jsonl", 2));
        assertEquals("tiny-reasoner", o.get("model").asText());
        assertEquals(2, o.get("problems").asInt());
        assertEquals(3, o.get("rows").size());
        JsonNode none = o.get("rows").get(0);
        for (String field : List.of("method", "level", "budget", "stop_temperature", "n", "errors", "correct",
                "accuracy", "mean_thinking_tokens", "median_thinking_tokens", "p90_thinking_tokens",
                "mean_generated_tokens", "mean_total_tokens", "tokens_per_correct")) {
            assertTrue(none.has(field), field + " in " + none);
        }
        assertEquals("none", none.get("method").asText());
        assertTrue(none.get("level").isNull());
        assertTrue(none.get("stop_temperature").isNull());
        assertEquals(0.5, none.get("accuracy").asDouble());
        assertEquals(20.0, none.get("mean_thinking_tokens").asDouble());
        assertEquals(30, none.get("p90_thinking_tokens").asInt());
        assertEquals(40.0, none.get("mean_total_tokens").asDouble());
        assertEquals(60.0, none.get("tokens_per_correct").asDouble());
        assertEquals(2.0, o.get("rows").get(1).get("stop_temperature").asDouble());
        JsonNode tldr = o.get("rows").get(2);
        assertTrue(tldr.get("mean_thinking_tokens").isNull(), "no NaN in JSON: " + tldr);
        assertEquals(1, tldr.get("errors").asInt());
    }

    @Test
    void tableShouldHaveAHeaderAndOneLinePerRow() {
        String[] lines = ReportPrinter.table(rows).split("\n");
        assertEquals(5, lines.length, String.join("\n", lines));
        assertTrue(lines[0].startsWith("method"), lines[0]);
        assertTrue(lines[1].matches("none\\s+-\\s+48\\s+-\\s+2\\s+50\\.0%\\s+20\\.0\\s+20\\.0\\s+30\\s+30\\.0\\s+40\\.0\\s+60\\.0"),
                lines[1]);
        assertTrue(lines[4].startsWith("1 problems could not be decoded"), lines[4]);
    }

    @Test
    void graderRulesShouldListEachKindSideBySideMostFrequentFirst() {
        GraderRuleCounts counts = GraderRuleCounts.of(List.of(graded(true, "last \\boxed", "same text"),
                graded(false, "answer phrase", "symbolic", "exact numbers"), graded(true, "last \\boxed", "symbolic"),
                failed("none", 48, null)));
        String[] lines = ReportPrinter.graderRules(counts).split("\n");
        assertEquals(List.of("", "Grader rules over 3 graded answers (1 not graded: no answer or an error)",
                "extraction                    n   comparison                    n",
                "last \\boxed                   2   symbolic                      2",
                "answer phrase                 1   exact numbers                 1",
                "                                  same text                     1"), List.of(lines));
        assertEquals("", ReportPrinter.graderRules(GraderRuleCounts.of(List.of(failed("none", 48, null)))),
                "no section when the grader named no rules");
    }

    @Test
    void jsonShouldCarryTheGraderRulesWhenThereAreAny() throws Exception {
        GraderRuleCounts counts = GraderRuleCounts.of(List.of(graded(true, "last \\boxed", "same text")));
        JsonNode o = new ObjectMapper().readTree(ReportPrinter.json(rows, List.of(), counts, "m", null, "d", 2));
        assertEquals(1, o.get("grader_rules").get("graded").asInt());
        assertEquals(1, o.get("grader_rules").get("extraction").get("last \\boxed").asInt());
        assertEquals(1, o.get("grader_rules").get("comparison").get("same text").asInt());
        JsonNode without = new ObjectMapper().readTree(ReportPrinter.json(rows, "m", "d", 2));
        assertTrue(!without.has("grader_rules"), without.toString());
    }
}
