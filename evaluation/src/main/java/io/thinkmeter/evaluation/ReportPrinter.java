package io.thinkmeter.evaluation;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.thinkmeter.contracts.Json;
import io.thinkmeter.contracts.Level;
import io.thinkmeter.contracts.Method;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Prints report rows as a text table or as one JSON object ({@code rows} plus what was run). */
public final class ReportPrinter {

    private ReportPrinter() {}

    public static String table(List<ReportRow> rows) {
        StringBuilder b = new StringBuilder();
        int width = Math.max(15, rows.stream().mapToInt(r -> r.methodLabel().length()).max().orElse(0));
        b.append(String.format(Locale.ROOT, "%-" + width + "s %-6s %6s %5s %5s %9s %10s %10s %8s %9s %10s %11s%n", "method",
                "level", "budget", "tau", "n", "accuracy", "mean think", "med think", "p90 thk", "mean gen",
                "mean total", "tok/correct"));
        for (ReportRow r : rows) {
            b.append(String.format(Locale.ROOT, "%-" + width + "s %-6s %6d %5s %5d %8.1f%% %10s %10s %8s %9s %10s %11s%n",
                    r.methodLabel(), dash(r.level()), r.budget(),
                    r.stopTemperature() == null ? "-" : trim(r.stopTemperature()), r.n(), 100 * r.accuracy(),
                    one(r.meanThinkingTokens()), one(r.medianThinkingTokens()),
                    r.p90ThinkingTokens() == null ? "-" : r.p90ThinkingTokens().toString(),
                    one(r.meanGeneratedTokens()), one(r.meanTotalTokens()),
                    r.tokensPerCorrect() == null ? "-" : one(r.tokensPerCorrect())));
        }
        int errors = rows.stream().mapToInt(ReportRow::errors).sum();
        if (errors > 0) {
            b.append(String.format(Locale.ROOT, "%d problems could not be decoded and count as wrong (see the results"
                    + " file's error field)%n", errors));
        }
        return b.toString();
    }

    /** The TLDR levels against the other methods at equal tokens; empty when no tldr row was run. */
    public static String equalTokensTable(List<EqualTokens> comparisons) {
        if (comparisons.isEmpty()) {
            return "";
        }
        List<Method> methods = new ArrayList<>(comparisons.get(0).others().keySet());
        StringBuilder b = new StringBuilder(String.format(Locale.ROOT, "%nAt equal tokens: accuracy of each method "
                + "interpolated at the TLDR row's mean generated tokens (- outside its measured range)%n"));
        int width = Math.max(6, comparisons.stream().mapToInt(e -> dash(e.level()).length()
                + (e.tldrModel() == null ? 0 : e.tldrModel().length() + 3)).max().orElse(0));
        b.append(String.format(Locale.ROOT, "%-" + width + "s %6s %9s %9s", "level", "budget", "mean gen",
                Method.TLDR.wireName()));
        methods.forEach(m -> b.append(String.format(Locale.ROOT, " %15s", m.wireName())));
        b.append(String.format("%n"));
        for (EqualTokens e : comparisons) {
            String level = e.tldrModel() == null ? dash(e.level()) : dash(e.level()) + " (" + e.tldrModel() + ")";
            b.append(String.format(Locale.ROOT, "%-" + width + "s %6d %9.1f %8.1f%%", level, e.budget(),
                    e.meanGeneratedTokens(), 100 * e.tldrAccuracy()));
            for (Method m : methods) {
                Double a = e.others().get(m);
                b.append(String.format(Locale.ROOT, " %15s", a == null ? "-" : String.format(Locale.ROOT, "%.1f%%",
                        100 * a)));
            }
            b.append(String.format("%n"));
        }
        return b.toString();
    }

    /**
     * The grader's rules, most frequent first, extraction and comparison side by side; empty when the grader
     * named none.
     */
    public static String graderRules(GraderRuleCounts counts) {
        if (counts.isEmpty()) {
            return "";
        }
        StringBuilder b = new StringBuilder(String.format(Locale.ROOT, "%nGrader rules over %d graded answers%s%n",
                counts.graded(), counts.notGraded() == 0 ? ""
                        : String.format(Locale.ROOT, " (%d not graded: no answer or an error)", counts.notGraded())));
        b.append(String.format(Locale.ROOT, "%-24s %6s   %-24s %6s%n", "extraction", "n", "comparison", "n"));
        int lines = Math.max(counts.extraction().size(), counts.comparison().size());
        for (int i = 0; i < lines; i++) {
            b.append(String.format(Locale.ROOT, "%-24s %6s   %-24s %6s", rule(counts.extraction(), i),
                    times(counts.extraction(), i), rule(counts.comparison(), i), times(counts.comparison(), i))
                    .stripTrailing()).append(String.format("%n"));
        }
        return b.toString();
    }

    private static String rule(List<GraderRuleCounts.Count> counts, int i) {
        return i < counts.size() ? counts.get(i).rule() : "";
    }

    private static String times(List<GraderRuleCounts.Count> counts, int i) {
        return i < counts.size() ? Integer.toString(counts.get(i).times()) : "";
    }

    public static String json(List<ReportRow> rows, String model, String dataset, int problems) {
        return json(rows, List.of(), model, null, dataset, problems);
    }

    public static String json(List<ReportRow> rows, List<EqualTokens> equalTokens, String model, String tldrModel,
                              String dataset, int problems) {
        return json(rows, equalTokens, null, model, tldrModel, dataset, problems);
    }

    /**
     * @param model the model's name
     * @param dataset the problem set's path as given
     * @param problems problems per combination
     * @param graderRules the grader's rules as counted over the run; null or empty: left out
     */
    public static String json(List<ReportRow> rows, List<EqualTokens> equalTokens, GraderRuleCounts graderRules,
                              String model, String tldrModel, String dataset, int problems) {
        return Json.text(new Report(model, tldrModel, dataset, problems, rows.stream().map(Row::of).toList(),
                equalTokens.isEmpty() ? null : equalTokens.stream().map(Comparison::of).toList(),
                graderRules == null || graderRules.isEmpty() ? null : Rules.of(graderRules)));
    }

    /** What {@link #json} prints; absent parts (no TLDR model, no tldr row, no grader rules) are left out. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record Report(String model, String tldrModel, String dataset, int problems, List<Row> rows,
                  List<Comparison> equalTokens, Rules graderRules) {}

    /** The grader's rules as JSON: counts by rule, most frequent first. */
    record Rules(int graded, int notGraded, Map<String, Integer> extraction, Map<String, Integer> comparison) {

        static Rules of(GraderRuleCounts c) {
            return new Rules(c.graded(), c.notGraded(), byRule(c.extraction()), byRule(c.comparison()));
        }

        private static Map<String, Integer> byRule(List<GraderRuleCounts.Count> counts) {
            Map<String, Integer> out = new LinkedHashMap<>();
            counts.forEach(c -> out.put(c.rule(), c.times()));
            return out;
        }
    }

    /** A report row as JSON, which has no NaN: a row where nothing was decoded has no token figures. */
    record Row(Method method, @JsonInclude(JsonInclude.Include.NON_NULL) String tldrModel, Level level, int budget, Double stopTemperature, int n, int errors, int correct,
               double accuracy, Double meanThinkingTokens, Double medianThinkingTokens, Integer p90ThinkingTokens,
               Double meanGeneratedTokens, Double meanTotalTokens, Double tokensPerCorrect, Integer minThinking) {

        static Row of(ReportRow r) {
            return new Row(r.method(), r.tldrModel(), r.level(), r.budget(), r.stopTemperature(), r.n(), r.errors(), r.correct(),
                    r.accuracy(), number(r.meanThinkingTokens()), number(r.medianThinkingTokens()),
                    r.p90ThinkingTokens(), number(r.meanGeneratedTokens()), number(r.meanTotalTokens()),
                    r.tokensPerCorrect(), r.minThinking());
        }
    }

    /** @param accuracyAtEqualTokens by method name, in the order the methods were run */
    record Comparison(@JsonInclude(JsonInclude.Include.NON_NULL) String tldrModel, Level level, int budget, double meanGeneratedTokens, double tldrAccuracy,
                      Map<String, Double> accuracyAtEqualTokens) {

        static Comparison of(EqualTokens e) {
            Map<String, Double> others = new LinkedHashMap<>();
            e.others().forEach((method, accuracy) -> others.put(method.wireName(), accuracy));
            return new Comparison(e.tldrModel(), e.level(), e.budget(), e.meanGeneratedTokens(), e.tldrAccuracy(), others);
        }
    }

    private static Double number(double value) {
        return Double.isNaN(value) ? null : value;
    }

    private static String one(double v) {
        return Double.isNaN(v) ? "-" : String.format(Locale.ROOT, "%.1f", v);
    }

    /** A tau as the report and the chart name it: 2, not 2.0. */
    static String trim(double v) {
        return v == Math.rint(v) ? String.format(Locale.ROOT, "%.0f", v) : Double.toString(v);
    }

    private static String dash(Level level) {
        return level == null ? "-" : level.wireName();
    }
}
