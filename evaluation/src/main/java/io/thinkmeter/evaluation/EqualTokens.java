package io.thinkmeter.evaluation;

import io.thinkmeter.contracts.Level;
import io.thinkmeter.contracts.Method;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * TLDR levels against the other methods at equal tokens: for each tldr row, every other method's
 * accuracy read off that method's accuracy-against-tokens curve at the tldr row's mean generated tokens.
 * A method's curve is its frontier: of its rows over budgets and taus, ordered by mean generated tokens,
 * those more accurate than every row that spends no more, linearly interpolated, and flat after the last
 * (a row a cheaper one beats is a setting nobody would choose: with several taus on one curve, a tau that
 * stops late would otherwise drag the curve down between two points of one that stops early).
 * Outside a method's measured range there is no value: extrapolating a curve would invent a result.
 * Budget forcing's curve is the one without a minimum thinking: rows with one spend tokens on purpose
 * and are not points of the same curve.
 *
 * @param tldrModel the tldr row's TLDR model when an evaluation compares several, else null
 * @param level the tldr row's level
 * @param budget the tldr row's budget
 * @param meanGeneratedTokens the tldr row's mean generated tokens, where the others are read
 * @param tldrAccuracy the tldr row's accuracy
 * @param others accuracy of each other method at those tokens; null outside its range
 */
public record EqualTokens(String tldrModel, Level level, int budget, double meanGeneratedTokens, double tldrAccuracy,
                          Map<Method, Double> others) {

    public static List<EqualTokens> compare(List<ReportRow> rows) {
        Map<Method, List<ReportRow>> byMethod = new LinkedHashMap<>();
        for (ReportRow r : rows) {
            if (r.method() != Method.TLDR && r.minThinking() == null && !Double.isNaN(r.meanGeneratedTokens())) {
                byMethod.computeIfAbsent(r.method(), k -> new ArrayList<>()).add(r);
            }
        }
        Map<Method, Curve> curves = new LinkedHashMap<>();
        byMethod.forEach((method, methodRows) -> curves.put(method, frontier(methodRows)));
        List<EqualTokens> out = new ArrayList<>();
        if (curves.isEmpty()) {
            return out; // tldr alone: nothing to compare with
        }
        for (ReportRow t : rows) {
            if (t.method() != Method.TLDR || Double.isNaN(t.meanGeneratedTokens())) {
                continue;
            }
            Map<Method, Double> others = new LinkedHashMap<>();
            curves.forEach((method, curve) -> others.put(method, accuracyAt(curve, t.meanGeneratedTokens())));
            out.add(new EqualTokens(t.tldrModel(), t.level(), t.budget(), t.meanGeneratedTokens(), t.accuracy(), others));
        }
        return out;
    }

    /**
     * The rows no row that spends as few tokens or fewer beats, cheapest first, and the most expensive row's
     * tokens, where the measured range ends: the curve {@link #accuracyAt} reads.
     */
    static Curve frontier(List<ReportRow> rows) {
        List<ReportRow> sorted = new ArrayList<>(rows);
        sorted.sort(Comparator.comparingDouble(ReportRow::meanGeneratedTokens)
                .thenComparing(Comparator.comparingDouble(ReportRow::accuracy).reversed()));
        List<ReportRow> kept = new ArrayList<>();
        for (ReportRow r : sorted) {
            if (kept.isEmpty() || r.accuracy() > kept.get(kept.size() - 1).accuracy()) {
                kept.add(r);
            }
        }
        return new Curve(kept, sorted.get(sorted.size() - 1).meanGeneratedTokens());
    }

    /** A method's frontier rows, cheapest first, and the end of its measured range. */
    record Curve(List<ReportRow> points, double lastTokens) {}

    /** The curve's accuracy at {@code tokens}; null outside the measured range. */
    static Double accuracyAt(Curve curve, double tokens) {
        if (tokens > curve.lastTokens()) {
            return null;
        }
        List<ReportRow> points = curve.points();
        ReportRow last = points.get(points.size() - 1);
        return tokens >= last.meanGeneratedTokens() ? Double.valueOf(last.accuracy()) : accuracyAt(points, tokens);
    }

    /** Linear interpolation between the points; null below the first. */
    static Double accuracyAt(List<ReportRow> curve, double tokens) {
        for (int i = 0; i < curve.size(); i++) {
            ReportRow hi = curve.get(i);
            if (hi.meanGeneratedTokens() < tokens) {
                continue;
            }
            if (hi.meanGeneratedTokens() == tokens || i == 0) {
                return hi.meanGeneratedTokens() == tokens ? hi.accuracy() : null;
            }
            ReportRow lo = curve.get(i - 1);
            double f = (tokens - lo.meanGeneratedTokens()) / (hi.meanGeneratedTokens() - lo.meanGeneratedTokens());
            return lo.accuracy() + f * (hi.accuracy() - lo.accuracy());
        }
        return null;
    }
}
