package io.thinkmeter.ingest;

import io.thinkmeter.contracts.BatchViews;
import io.thinkmeter.contracts.ProblemResult;
import io.thinkmeter.storage.StoredResults;
import jakarta.enterprise.context.ApplicationScoped;

import java.io.IOException;
import java.util.List;

/** Reads how far a batch has got: outcome counts, tokens spent, and its results in input order. */
@ApplicationScoped
public class BatchReports {

    private final StoredResults results;

    public BatchReports(StoredResults results) {
        this.results = results;
    }

    public BatchViews.Status status(BatchStore.Batch batch) {
        StoredResults.BatchTotals t = results.totals(batch.tenant(), batch.id());
        // never negative, even if the sink stored results for lines the batch row does not count
        long submitted = Math.max(0, batch.requestCount() - t.done() - t.error() - t.rejected());
        return new BatchViews.Status(batch.id(), batch.requestCount(), batch.createdAt(), batch.inputFormat(),
                new BatchViews.Counts(submitted, t.done(), t.error(), t.rejected()),
                new BatchViews.Tokens(t.promptTokens(), t.generatedTokens(), t.thinkingTokens(), t.answerTokens(),
                        t.injectedTokens(), t.promptTokens() + t.generatedTokens()));
    }

    /** How many results of the batch are stored. */
    public long stored(BatchStore.Batch batch) {
        return results.count(batch.tenant(), batch.id());
    }

    /** One page of stored results, in input order. */
    public List<ProblemResult> page(BatchStore.Batch batch, int page, int size) {
        return results.page(batch.tenant(), batch.id(), size, (long) page * size);
    }

    /** Hands every stored result of the batch to {@code each}, in input order, a few hundred rows at a time. */
    public void forEach(BatchStore.Batch batch, StoredResults.ResultConsumer each) throws IOException {
        results.forEach(batch.tenant(), batch.id(), each);
    }
}
