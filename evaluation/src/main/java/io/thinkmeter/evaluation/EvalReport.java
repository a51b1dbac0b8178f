package io.thinkmeter.evaluation;

import io.thinkmeter.contracts.Level;
import io.thinkmeter.contracts.Method;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Turns outcomes into report rows, one per (method, level, budget, stop temperature). Rows are ordered
 * by method (none, budget-forcing, ts, tldr), then level (short to long), budget and tau, so equal settings line up
 * across runs.
 */
public final class EvalReport {

    private record Key(Method method, String tldrModel, Level level, int budget, Double stopTemperature,
                       Integer minThinking) {}

    private static final Comparator<Key> ORDER = Comparator
            .comparing(Key::method)
            // each TLDR model's rows together, in the order of their names
            .thenComparing(Key::tldrModel, Comparator.nullsFirst(Comparator.naturalOrder()))
            // levels from the shortest (their declaration order); no level first
            .thenComparing(Key::level, Comparator.nullsFirst(Comparator.naturalOrder()))
            .thenComparingInt(Key::budget)
            .thenComparing(Key::stopTemperature, Comparator.nullsFirst(Comparator.naturalOrder()))
            .thenComparing(Key::minThinking, Comparator.nullsFirst(Comparator.naturalOrder()));

    private EvalReport() {}

    public static List<ReportRow> rows(List<Outcome> outcomes) {
        Map<Key, List<Outcome>> groups = new LinkedHashMap<>();
        for (Outcome o : outcomes) {
            Objects.requireNonNull(o, "an outcome is missing");
            groups.computeIfAbsent(new Key(o.method(), o.tldrModel(), o.level(), o.budget(), o.stopTemperature(), o.minThinking()),
                    k -> new ArrayList<>()).add(o);
        }
        List<Key> keys = new ArrayList<>(groups.keySet());
        keys.sort(ORDER);
        List<ReportRow> rows = new ArrayList<>();
        for (Key k : keys) {
            rows.add(row(k, groups.get(k)));
        }
        return rows;
    }

    private static ReportRow row(Key k, List<Outcome> group) {
        int n = group.size();
        int correct = (int) group.stream().filter(Outcome::correct).count();
        List<Outcome> decoded = group.stream().filter(o -> !o.failed()).toList();
        int errors = n - decoded.size();
        if (decoded.isEmpty()) {
            return new ReportRow(k.method(), k.level(), k.budget(), k.stopTemperature(), n, errors, correct,
                    (double) correct / n, Double.NaN, Double.NaN, null, Double.NaN, Double.NaN, null, k.minThinking(), k.tldrModel());
        }
        int[] thinking = decoded.stream().mapToInt(Outcome::thinkingTokens).toArray();
        int[] generated = decoded.stream().mapToInt(Outcome::generatedTokens).toArray();
        int[] total = decoded.stream().mapToInt(Outcome::totalTokens).toArray();
        long generatedSum = decoded.stream().mapToLong(Outcome::generatedTokens).sum();
        return new ReportRow(k.method(), k.level(), k.budget(), k.stopTemperature(), n, errors, correct,
                (double) correct / n, Percentiles.mean(thinking), Percentiles.median(thinking),
                Percentiles.nearestRank(thinking, 90), Percentiles.mean(generated), Percentiles.mean(total),
                correct == 0 ? null : (double) generatedSum / correct, k.minThinking(), k.tldrModel());
    }
}
