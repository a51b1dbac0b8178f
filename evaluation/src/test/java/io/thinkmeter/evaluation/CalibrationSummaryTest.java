package io.thinkmeter.evaluation;

import static io.thinkmeter.evaluation.Outcomes.decoded;
import static io.thinkmeter.evaluation.Outcomes.failed;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.thinkmeter.engine.CalibrationRow;
import org.junit.jupiter.api.Test;

import java.util.List;

class CalibrationSummaryTest {

    @Test
    void shouldSummariseEachTauInAscendingOrder() {
        List<Outcome> outcomes = List.of(
                decoded("ts", 400, 4.0, 12, 20, true), decoded("ts", 400, 4.0, 8, 16, false),
                decoded("ts", 400, 1.0, 50, 60, true), decoded("ts", 400, 1.0, 70, 80, true),
                decoded("ts", 400, 1.0, 60, 70, true), failed("ts", 400, 1.0));
        assertEquals(List.of(new CalibrationRow(1.0, 4, 0.75, 60.0, 70, 70), new CalibrationRow(4.0, 2, 0.5, 10.0, 12, 12)),
                CalibrationSummary.rows(outcomes));
        assertEquals(0, CalibrationSummary.capped(outcomes));
    }
}
