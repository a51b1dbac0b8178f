package io.thinkmeter.ingest;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.thinkmeter.storage.Usage;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The reply of {@code GET /v1/usage}, shaped as OpenAI's usage API: a page of buckets, each with its
 * results. Every bucket from start to end is there, empty ones too; times are unix seconds (and ISO-8601 for
 * people). A result names its group values by the ledger's columns, then its currency and sums; {@code cost}
 * is an exact decimal string (a JSON number would become a double in most clients), null with the currency
 * for rows that had no price.
 */
@JsonInclude(JsonInclude.Include.ALWAYS)
public record UsagePage(String object, List<Bucket> data, boolean hasMore, String nextPage) {

    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record Bucket(String object, long startTime, long endTime, String startTimeIso, String endTimeIso,
                         List<Map<String, Object>> results) {}

    static UsagePage of(Usage.Query query, List<Usage.Row> rows) {
        List<Bucket> buckets = new ArrayList<>();
        int next = 0;
        for (Instant start = query.start(); start.isBefore(query.end()); start = start.plus(query.width())) {
            Instant end = start.plus(query.width()).isAfter(query.end()) ? query.end() : start.plus(query.width());
            List<Map<String, Object>> results = new ArrayList<>();
            while (next < rows.size() && !rows.get(next).bucketStart().isAfter(start)) {
                results.add(result(query.groups(), rows.get(next++)));
            }
            buckets.add(new Bucket("bucket", start.getEpochSecond(), end.getEpochSecond(), start.toString(),
                    end.toString(), results));
        }
        return new UsagePage("page", buckets, false, null);
    }

    private static Map<String, Object> result(List<Usage.Group> groups, Usage.Row row) {
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("object", "thinkmeter.usage.result");
        for (Usage.Group g : groups) {
            r.put(g.column(), row.groups().get(g));
        }
        r.put("currency", row.currency());
        r.put("requests", row.requests());
        r.put("prompt_tokens", row.promptTokens());
        r.put("thinking_tokens", row.thinkingTokens());
        r.put("answer_tokens", row.answerTokens());
        r.put("injected_tokens", row.injectedTokens());
        r.put("generated_tokens", row.generatedTokens());
        r.put("cost", row.cost() == null ? null : row.cost().toPlainString());
        return r;
    }
}
