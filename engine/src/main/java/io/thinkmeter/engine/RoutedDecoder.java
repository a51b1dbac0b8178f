package io.thinkmeter.engine;

import io.thinkmeter.contracts.Method;
import io.thinkmeter.engine.ReasonerModel;

import java.util.ArrayList;
import java.util.List;

/**
 * Continuous batching over up to two models: method tldr goes to the TLDR model when there is one,
 * every other request (and tldr when there is none) to the main model. Each model keeps its own
 * batch; a step advances every busy one. Not thread-safe, like {@link BatchDecoder}.
 */
public final class RoutedDecoder implements AutoCloseable {

    private final ReasonerModel main;
    private final ReasonerModel tldr;
    private final BatchDecoder mainBatch;
    private final BatchDecoder tldrBatch;

    /**
     * @param tldr the model for method tldr; null: the main model serves it (and refuses it unless it
     *     has levels)
     * @param maxBatch each model's largest batch
     */
    public RoutedDecoder(ReasonerModel main, ReasonerModel tldr, int maxBatch) {
        if (tldr != null && (tldr.descriptor().levels() == null || tldr.descriptor().levels().isEmpty())) {
            throw new IllegalArgumentException("the TLDR model " + tldr.descriptor().name()
                    + " has no levels in its reasoner.json");
        }
        this.main = main;
        this.tldr = tldr == null ? main : tldr;
        this.mainBatch = new BatchDecoder(main, maxBatch);
        this.tldrBatch = tldr == null ? mainBatch : new BatchDecoder(tldr, maxBatch);
    }

    /** The model that decodes requests of this method. */
    public ReasonerModel modelFor(Method method) {
        return method == Method.TLDR ? tldr : main;
    }

    /** Queues a request on its model's batch; throws IllegalArgumentException with the reason when it cannot. */
    public void submit(DecodeRequest request) {
        batchFor(request.settings().method()).submit(request);
    }

    public boolean idle() {
        return mainBatch.idle() && tldrBatch.idle();
    }

    /** Runs until every submitted request has finished; results in completion order. */
    public List<DecodeResult> drain() {
        List<DecodeResult> results = new ArrayList<>();
        while (!idle()) {
            results.addAll(step());
        }
        return results;
    }

    /** One token for every live sequence of every model; the sequences that finished. */
    public List<DecodeResult> step() {
        List<DecodeResult> done = new ArrayList<>();
        if (!mainBatch.idle()) {
            done.addAll(mainBatch.step());
        }
        if (tldrBatch != mainBatch && !tldrBatch.idle()) {
            done.addAll(tldrBatch.step());
        }
        return done;
    }

    private BatchDecoder batchFor(Method method) {
        return method == Method.TLDR ? tldrBatch : mainBatch;
    }

    @Override
    public void close() {
        mainBatch.close();
        if (tldrBatch != mainBatch) {
            tldrBatch.close();
        }
    }
}
