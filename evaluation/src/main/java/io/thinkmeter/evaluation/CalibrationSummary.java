package io.thinkmeter.evaluation;

import io.thinkmeter.contracts.StopReason;
import io.thinkmeter.engine.CalibrationRow;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Summarises a stop-temperature sweep (method ts, one budget, several taus) into one calibration row
 * per tau: thinking-length median, p90 and maximum over the decoded problems (see {@link Percentiles}),
 * and accuracy over all of them (a refused problem counts as wrong).
 */
public final class CalibrationSummary {

    private CalibrationSummary() {}

    /** Rows in ascending tau. */
    public static List<CalibrationRow> rows(List<Outcome> outcomes) {
        Map<Double, List<Outcome>> byTau = new TreeMap<>();
        for (Outcome o : outcomes) {
            if (o.stopTemperature() == null) {
                throw new IllegalArgumentException("calibration outcome of problem " + o.problemId()
                        + " has no stop temperature: the sweep runs method ts only");
            }
            byTau.computeIfAbsent(o.stopTemperature(), t -> new ArrayList<>()).add(o);
        }
        List<CalibrationRow> rows = new ArrayList<>();
        byTau.forEach((tau, group) -> {
            int[] thinking = group.stream().filter(o -> !o.failed()).mapToInt(Outcome::thinkingTokens).toArray();
            if (thinking.length == 0) {
                throw new IllegalArgumentException("no problem could be decoded at tau " + tau + ": "
                        + group.get(0).error());
            }
            long correct = group.stream().filter(Outcome::correct).count();
            rows.add(new CalibrationRow(tau, group.size(), (double) correct / group.size(),
                    Percentiles.median(thinking), Percentiles.nearestRank(thinking, 90), Percentiles.max(thinking)));
        });
        return rows;
    }

    /**
     * Outcomes whose thinking the budget cut (forced at the cap or out of tokens): their lengths are the
     * cap's, not the model's, so a sweep with any should be rerun with a larger budget.
     */
    public static long capped(List<Outcome> outcomes) {
        return outcomes.stream().filter(o -> o.stopReason() == StopReason.FORCED_AT_CAP
                || o.stopReason() == StopReason.MAX_TOKENS).count();
    }
}
