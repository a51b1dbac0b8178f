package io.thinkmeter.evaluation;

import static io.thinkmeter.evaluation.Outcomes.decoded;
import static io.thinkmeter.evaluation.Outcomes.failed;
import static io.thinkmeter.evaluation.Outcomes.graded;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.thinkmeter.evaluation.GraderRuleCounts.Count;
import org.junit.jupiter.api.Test;

import java.util.List;

class GraderRuleCountsTest {

    private final List<Outcome> outcomes = List.of(
            graded(true, "last \\boxed", "same text"),
            graded(true, "last \\boxed", "exact numbers"),
            graded(false, "answer phrase", "symbolic", "exact numbers"),
            graded(true, "last \\boxed", "exact numbers"),
            decoded("none", 48, null, 10, 20, false), // a grader that names no rules
            failed("none", 48, null));

    @Test
    void shouldCountExtractionAndComparisonRulesApartMostFrequentFirst() {
        GraderRuleCounts counts = GraderRuleCounts.of(outcomes);
        assertEquals(4, counts.graded());
        assertEquals(2, counts.notGraded());
        assertEquals(List.of(new Count("last \\boxed", 3), new Count("answer phrase", 1)), counts.extraction());
        assertEquals(List.of(new Count("exact numbers", 3), new Count("same text", 1), new Count("symbolic", 1)),
                counts.comparison(), "ties by label");
    }

    @Test
    void topShouldKeepTheMostFrequentOfEachKind() {
        GraderRuleCounts top = GraderRuleCounts.of(outcomes).top(1);
        assertEquals(List.of(new Count("last \\boxed", 3)), top.extraction());
        assertEquals(List.of(new Count("exact numbers", 3)), top.comparison());
        assertEquals(4, top.graded());
    }

    @Test
    void aRunWithoutNamedRulesShouldBeEmpty() {
        assertTrue(GraderRuleCounts.of(List.of(decoded("none", 48, null, 10, 20, true))).isEmpty());
    }
}
