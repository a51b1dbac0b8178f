package io.thinkmeter.ops;

import com.fasterxml.jackson.databind.JsonNode;
import io.thinkmeter.contracts.Json;
import io.thinkmeter.ops.client.ThinkmeterClient;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.math.BigDecimal;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

/**
 * {@code thinkmeter usage}: spend from the ledger by time bucket and group ({@code GET /v1/usage}), as a
 * table or as the API's JSON. With an API key, its tenant's; with the admin key, every tenant's.
 */
@Command(name = "usage", mixinStandardHelpOptions = true,
        description = "Print token spend and cost per time bucket and group (GET /v1/usage): a tenant's with "
                + "--api-key, every tenant's with --admin-key.")
final class UsageCommand implements Callable<Integer> {

    /** The sums every result row has, in the table's order after its group columns. */
    private static final List<String> SUMS = List.of("requests", "prompt_tokens", "thinking_tokens", "answer_tokens",
            "injected_tokens", "generated_tokens");
    private static final Map<String, String> HEADINGS = Map.of("requests", "requests", "prompt_tokens", "prompt",
            "thinking_tokens", "thinking", "answer_tokens", "answer", "injected_tokens", "injected",
            "generated_tokens", "generated");

    @Spec
    CommandSpec spec;

    @Option(names = "--start", required = true,
            description = "first instant: ISO-8601 (2026-11-01T00:00:00Z), a date (its UTC midnight) or unix seconds")
    String start;

    @Option(names = "--end", description = "end, exclusive, in the same forms (default: now)")
    String end;

    @Option(names = "--bucket", description = "1h or 1d (default 1d)")
    String bucket;

    @Option(names = "--group-by", split = ",",
            description = "any of model, api_key, batch, pool, method (and tenant, as operator), comma-separated")
    List<String> groupBy;

    @Option(names = "--tenant", description = "only this tenant (operator only)")
    String tenant;

    @Option(names = "--admin-key", defaultValue = "${env:THINKMETER_ADMIN_KEY}",
            description = "the operator's key (X-Admin-Key): every tenant's spend")
    String adminKey;

    @Option(names = "--json", description = "print the API's JSON instead of a table")
    boolean json;

    @Mixin
    ClientOptions clientOptions;

    @Override
    public Integer call() throws Exception {
        String query = query();
        String body;
        try {
            body = adminKey != null
                    ? ThinkmeterClient.usageAsOperator(requireUrl(), adminKey, query)
                    : clientOptions.client().usage(query);
        } catch (ThinkmeterClient.RefusedException e) {
            if (e.status() == 400) {
                // ingest names the query parameter at fault; it is one of this command's options
                throw new ParameterException(spec.commandLine(), inOptionTerms(e.getMessage()), e);
            }
            throw e;
        }
        if (json) {
            System.out.println(body);
        } else {
            System.out.print(table(Json.forServices().readTree(body)));
        }
        return 0;
    }

    private String requireUrl() throws IOException {
        String url = clientOptions.url();
        if (url == null) {
            throw new IOException("no stack to talk to: run `./thinkmeter up` first, or pass --url");
        }
        return url;
    }

    private String query() {
        Map<String, String> params = new LinkedHashMap<>();
        params.put("start", start);
        params.put("end", end);
        params.put("bucket", bucket);
        params.put("group_by", groupBy == null ? null : String.join(",", groupBy));
        params.put("tenant", tenant);
        List<String> parts = new ArrayList<>();
        params.forEach((k, v) -> {
            if (v != null) {
                parts.add(k + "=" + URLEncoder.encode(v, StandardCharsets.UTF_8));
            }
        });
        return String.join("&", parts);
    }

    /** "query parameter start must be ..." as "--start must be ...". */
    static String inOptionTerms(String sentence) {
        return sentence.replace("query parameter group_by", "--group-by").replace("group_by", "--group-by")
                .replace("query parameter ", "--");
    }

    /** One line per result row (empty buckets left out), its bucket's start first; then the totals per currency. */
    static String table(JsonNode page) {
        List<String> columns = new ArrayList<>(List.of("bucket"));
        List<List<String>> rows = new ArrayList<>();
        Map<String, long[]> totals = new LinkedHashMap<>();
        Map<String, BigDecimal> costs = new LinkedHashMap<>();
        for (JsonNode bucket : page.path("data")) {
            for (JsonNode result : bucket.path("results")) {
                if (columns.size() == 1) {
                    for (Iterator<String> names = result.fieldNames(); names.hasNext(); ) {
                        String name = names.next();
                        if (!name.equals("object") && !SUMS.contains(name) && !name.equals("cost")
                                && !name.equals("currency")) {
                            columns.add(name);
                        }
                    }
                }
                List<String> row = new ArrayList<>();
                row.add(bucket.path("start_time_iso").asText());
                for (String group : columns.subList(1, columns.size())) {
                    row.add(text(result.get(group)));
                }
                String currency = text(result.get("currency"));
                long[] sum = totals.computeIfAbsent(currency, c -> new long[SUMS.size()]);
                for (int i = 0; i < SUMS.size(); i++) {
                    long v = result.path(SUMS.get(i)).asLong();
                    row.add(Long.toString(v));
                    sum[i] += v;
                }
                String cost = text(result.get("cost"));
                row.add(cost);
                row.add(currency);
                if (!result.path("cost").isNull()) {
                    costs.merge(currency, new BigDecimal(cost), BigDecimal::add);
                }
                rows.add(row);
            }
        }
        if (rows.isEmpty()) {
            return "no spend in these " + page.path("data").size() + " buckets\n";
        }
        List<String> heading = new ArrayList<>(columns);
        SUMS.forEach(s -> heading.add(HEADINGS.get(s)));
        heading.add("cost");
        heading.add("currency");
        for (Map.Entry<String, long[]> total : totals.entrySet()) {
            List<String> row = new ArrayList<>();
            row.add("total");
            for (int i = 1; i < columns.size(); i++) {
                row.add("");
            }
            for (long v : total.getValue()) {
                row.add(Long.toString(v));
            }
            BigDecimal cost = costs.get(total.getKey());
            row.add(cost == null ? "-" : cost.toPlainString());
            row.add(total.getKey());
            rows.add(row);
        }
        return format(heading, rows);
    }

    private static String text(JsonNode v) {
        return v == null || v.isNull() ? "-" : v.asText();
    }

    private static String format(List<String> heading, List<List<String>> rows) {
        int[] widths = new int[heading.size()];
        for (int i = 0; i < widths.length; i++) {
            widths[i] = heading.get(i).length();
            for (List<String> row : rows) {
                widths[i] = Math.max(widths[i], row.get(i).length());
            }
        }
        StringBuilder out = new StringBuilder();
        line(out, heading, widths);
        for (List<String> row : rows) {
            line(out, row, widths);
        }
        return out.toString();
    }

    private static void line(StringBuilder out, List<String> cells, int[] widths) {
        StringBuilder line = new StringBuilder();
        for (int i = 0; i < cells.size(); i++) {
            String cell = cells.get(i);
            // numbers right-aligned, words left-aligned
            boolean number = i > 0 && !cell.isEmpty() && cell.chars().allMatch(c -> Character.isDigit(c) || c == '.');
            line.append(number ? " ".repeat(widths[i] - cell.length()) + cell : cell + " ".repeat(widths[i] - cell.length()));
            if (i < cells.size() - 1) {
                line.append("  ");
            }
        }
        out.append(line.toString().stripTrailing()).append('\n');
    }
}
