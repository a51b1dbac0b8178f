package io.thinkmeter.ops.eval;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** Prints report rows as a text table or as one JSON object ({@code rows} plus what was run). */
public final class ReportPrinter {

    private static final ObjectMapper JSON = new ObjectMapper();

    private ReportPrinter() {}

    public static String table(List<ReportRow> rows) {
        StringBuilder b = new StringBuilder();
        b.append(String.format(Locale.ROOT, "%-15s %-6s %6s %5s %5s %9s %10s %10s %8s %9s %10s %11s%n", "method",
                "level", "budget", "tau", "n", "accuracy", "mean think", "med think", "p90 thk", "mean gen",
                "mean total", "tok/correct"));
        for (ReportRow r : rows) {
            b.append(String.format(Locale.ROOT, "%-15s %-6s %6d %5s %5d %8.1f%% %10s %10s %8s %9s %10s %11s%n",
                    r.method(), dash(r.level()), r.budget(),
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
        List<String> methods = new ArrayList<>(comparisons.get(0).others().keySet());
        StringBuilder b = new StringBuilder(String.format(Locale.ROOT, "%nAt equal tokens: accuracy of each method "
                + "interpolated at the TLDR row's mean generated tokens (- outside its measured range)%n"));
        b.append(String.format(Locale.ROOT, "%-6s %6s %9s %9s", "level", "budget", "mean gen", "tldr"));
        methods.forEach(m -> b.append(String.format(Locale.ROOT, " %15s", m)));
        b.append(String.format("%n"));
        for (EqualTokens e : comparisons) {
            b.append(String.format(Locale.ROOT, "%-6s %6d %9.1f %8.1f%%", dash(e.level()), e.budget(),
                    e.meanGeneratedTokens(), 100 * e.tldrAccuracy()));
            for (String m : methods) {
                Double a = e.others().get(m);
                b.append(String.format(Locale.ROOT, " %15s", a == null ? "-" : String.format(Locale.ROOT, "%.1f%%",
                        100 * a)));
            }
            b.append(String.format("%n"));
        }
        return b.toString();
    }

    public static String json(List<ReportRow> rows, String model, String dataset, int problems) {
        return json(rows, List.of(), model, null, dataset, problems);
    }

    /**
     * @param model the model's name
     * @param dataset the problem set's path as given
     * @param problems problems per combination
     */
    public static String json(List<ReportRow> rows, List<EqualTokens> equalTokens, String model, String tldrModel,
                              String dataset, int problems) {
        ObjectNode o = JSON.createObjectNode();
        o.put("model", model);
        if (tldrModel != null) {
            o.put("tldr_model", tldrModel);
        }
        o.put("dataset", dataset);
        o.put("problems", problems);
        ArrayNode array = o.putArray("rows");
        for (ReportRow r : rows) {
            ObjectNode row = array.addObject();
            row.put("method", r.method());
            row.put("level", r.level());
            row.put("budget", r.budget());
            row.put("stop_temperature", r.stopTemperature());
            row.put("n", r.n());
            row.put("errors", r.errors());
            row.put("correct", r.correct());
            row.put("accuracy", r.accuracy());
            number(row, "mean_thinking_tokens", r.meanThinkingTokens());
            number(row, "median_thinking_tokens", r.medianThinkingTokens());
            row.put("p90_thinking_tokens", r.p90ThinkingTokens());
            number(row, "mean_generated_tokens", r.meanGeneratedTokens());
            number(row, "mean_total_tokens", r.meanTotalTokens());
            row.put("tokens_per_correct", r.tokensPerCorrect());
        }
        if (!equalTokens.isEmpty()) {
            ArrayNode equal = o.putArray("equal_tokens");
            for (EqualTokens e : equalTokens) {
                ObjectNode item = equal.addObject().put("level", e.level()).put("budget", e.budget())
                        .put("mean_generated_tokens", e.meanGeneratedTokens()).put("tldr_accuracy", e.tldrAccuracy());
                ObjectNode others = item.putObject("accuracy_at_equal_tokens");
                e.others().forEach(others::put);
            }
        }
        return o.toString();
    }

    /** JSON has no NaN: a row where nothing was decoded has no token figures. */
    private static void number(ObjectNode o, String field, double value) {
        if (Double.isNaN(value)) {
            o.putNull(field);
        } else {
            o.put(field, value);
        }
    }

    private static String one(double v) {
        return Double.isNaN(v) ? "-" : String.format(Locale.ROOT, "%.1f", v);
    }

    private static String trim(double v) {
        return v == Math.rint(v) ? String.format(Locale.ROOT, "%.0f", v) : Double.toString(v);
    }

    private static String dash(String s) {
        return s == null ? "-" : s;
    }
}
