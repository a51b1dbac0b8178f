package io.thinkmeter.ingest.openai;

import java.util.List;
import java.util.function.Function;

/**
 * OpenAI's list object ({@code GET /v1/files}, {@code GET /v1/batches}): a page of objects and whether more
 * follow; the next page is asked for with {@code after=<last_id>}, as the SDKs' auto-pagination does.
 */
public record OpenAiList<T>(String object, List<T> data, String firstId, String lastId, boolean hasMore) {

    /**
     * @param fetched up to {@code limit + 1} rows: one more than asked tells that more follow
     */
    static <R, T> OpenAiList<T> of(List<R> fetched, int limit, Function<R, T> view, Function<T, String> id) {
        List<T> data = fetched.stream().limit(limit).map(view).toList();
        return new OpenAiList<>("list", data, data.isEmpty() ? null : id.apply(data.get(0)),
                data.isEmpty() ? null : id.apply(data.get(data.size() - 1)), fetched.size() > limit);
    }
}
