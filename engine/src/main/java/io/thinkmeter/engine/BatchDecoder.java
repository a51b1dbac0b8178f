package io.thinkmeter.engine;

import io.thinkmeter.engine.ReasonerModel;
import io.thinkmeter.engine.runtime.DecoderRuntime;
import io.thinkmeter.engine.runtime.HostKvCache;
import io.thinkmeter.engine.runtime.KvCache;
import io.thinkmeter.engine.runtime.StepOutput;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

/**
 * Continuous batching: many sequences share each forward pass; finished ones leave and waiting ones
 * join between steps.
 *
 * <p>Rows are left-padded: row r's tokens fill cache columns [start_r, length). Each step every live
 * row turns its pending logits into a token, then one forward pass over all rows yields the next
 * pending logits. A finished row stays in the batch as a masked "vacant" row until the batch is
 * rebuilt, because rebuilding copies the whole cache through host memory: that happens when a wave
 * of sequences joins (their prompts are prefilled together, then merged) or when at least half of
 * the rows are vacant. Not thread-safe: one thread drives {@link #step}.
 */
public final class BatchDecoder implements AutoCloseable {

    private static final class Row {
        final Sequence sequence;
        int start;
        float[] pending;
        boolean vacant;

        Row(Sequence sequence, int start, float[] pending) {
            this.sequence = sequence;
            this.start = start;
            this.pending = pending;
        }
    }

    private final DecoderRuntime runtime;
    private final SequenceFactory factory;
    private final ResultAssembler assembler;
    private final int maxBatch;
    private final BatchPolicy policy;
    private final int padId;
    private final Deque<Sequence> waiting = new ArrayDeque<>();
    private List<Row> rows = new ArrayList<>();
    /** Rows not vacant, kept as a count because several checks of every step need it. */
    private int liveRows;
    private KvCache cache;
    private int length;
    private long forwardNanos;
    private long chainNanos;
    private long rebuildNanos;
    private long admitNanos;
    private long assembleNanos;
    private int rebuilds;

    public BatchDecoder(ReasonerModel model, int maxBatch) {
        this(model, maxBatch, BatchPolicy.defaults());
    }

    public BatchDecoder(ReasonerModel model, int maxBatch, BatchPolicy policy) {
        if (maxBatch < 1) {
            throw new IllegalArgumentException("maxBatch must be at least 1, was " + maxBatch);
        }
        this.runtime = model.runtime();
        this.factory = new SequenceFactory(model);
        this.assembler = new ResultAssembler(model);
        this.maxBatch = maxBatch;
        this.policy = policy;
        this.padId = model.tokenizer().singleToken(model.descriptor().padToken() == null
                ? model.descriptor().eosToken() : model.descriptor().padToken());
    }

    /** Queues a request; throws IllegalArgumentException with the reason when it cannot be decoded. */
    public void submit(DecodeRequest request) {
        long t0 = System.nanoTime();
        waiting.add(factory.create(request));
        admitNanos += System.nanoTime() - t0;
    }

    public boolean idle() {
        return waiting.isEmpty() && liveRows == 0;
    }

    public int live() {
        return liveRows;
    }

    /** Nanoseconds spent inside the runtime's forward passes so far (for the benchmark). */
    public long forwardNanos() {
        return forwardNanos;
    }

    public DecoderStats stats() {
        return new DecoderStats(forwardNanos, chainNanos, rebuildNanos, admitNanos, assembleNanos, rebuilds);
    }

    /** Advances every live sequence by one token; returns the sequences that finished. */
    public List<DecodeResult> step() {
        admitWaiting();
        List<DecodeResult> done = new ArrayList<>();
        long t0 = System.nanoTime();
        List<Sequence> finished = new ArrayList<>();
        for (Row row : rows) {
            if (!row.vacant) {
                row.sequence.advance(row.pending);
                row.pending = null;
                if (row.sequence.finished()) {
                    row.vacant = true;
                    liveRows--;
                    finished.add(row.sequence);
                }
            }
        }
        long t1 = System.nanoTime();
        chainNanos += t1 - t0;
        for (Sequence s : finished) {
            done.add(assembler.assemble(s));
        }
        assembleNanos += System.nanoTime() - t1;
        int live = live();
        if (live == 0) {
            clear();
        } else {
            // An admission at the next step rebuilds the batch anyway, dropping vacant rows; otherwise
            // they are dropped here once there are enough of them to be worth a rebuild.
            if (!shouldAdmit(maxBatch - live) && policy.shouldCompact(rows.size() - live, rows.size())) {
                rebuild(List.of(), null, 0);
            }
            decodeOneToken();
        }
        return done;
    }

    /** Runs until every submitted request has finished; results in completion order. */
    public List<DecodeResult> drain() {
        List<DecodeResult> results = new ArrayList<>();
        while (!idle()) {
            results.addAll(step());
        }
        return results;
    }

    private void decodeOneToken() {
        int batch = rows.size();
        long[] ids = new long[batch];
        long[] positions = new long[batch];
        long[] mask = new long[batch * (length + 1)];
        for (int r = 0; r < batch; r++) {
            Row row = rows.get(r);
            ids[r] = row.vacant ? padId : row.sequence.lastToken();
            positions[r] = row.vacant ? 0 : row.sequence.lastPosition();
            java.util.Arrays.fill(mask, r * (length + 1) + row.start, (r + 1) * (length + 1), 1L);
        }
        StepOutput out = forward(batch, 1, ids, positions, mask, cache);
        cache.close();
        cache = out.present();
        length++;
        for (int r = 0; r < batch; r++) {
            Row row = rows.get(r);
            if (!row.vacant) {
                row.pending = out.rowLogits(r);
            }
        }
    }

    /**
     * Sequences join in waves: each join rebuilds the cache through host memory, so admitting one
     * sequence whenever one finishes would pay that copy on almost every step. A wave is the
     * policy's share of the batch, or whatever is still waiting if that is less; an empty batch
     * admits at once.
     */
    private boolean shouldAdmit(int free) {
        if (waiting.isEmpty() || free <= 0) {
            return false;
        }
        return live() == 0 || free >= Math.min(policy.wave(maxBatch), waiting.size());
    }

    private void admitWaiting() {
        int free = maxBatch - live();
        if (!shouldAdmit(free)) {
            return;
        }
        List<Sequence> joining = new ArrayList<>();
        while (!waiting.isEmpty() && joining.size() < free) {
            joining.add(waiting.poll());
        }
        int width = joining.stream().mapToInt(s -> s.prompt().length).max().orElseThrow();
        int batch = joining.size();
        long[] ids = new long[batch * width];
        long[] positions = new long[batch * width];
        long[] mask = new long[batch * width];
        for (int j = 0; j < batch; j++) {
            int[] prompt = joining.get(j).prompt();
            int pad = width - prompt.length;
            java.util.Arrays.fill(ids, j * width, j * width + pad, padId);
            for (int i = 0; i < prompt.length; i++) {
                ids[j * width + pad + i] = prompt[i];
                positions[j * width + pad + i] = i;
                mask[j * width + pad + i] = 1;
            }
        }
        StepOutput prefill = forward(batch, width, ids, positions, mask, null);
        rebuild(joining, prefill, width);
    }

    /**
     * Rebuilds the batch from its live rows plus the joining sequences (whose prefill cache is
     * {@code width} long), dropping vacant rows and the leading columns no live row uses.
     */
    private void rebuild(List<Sequence> joining, StepOutput prefill, int width) {
        long t0 = System.nanoTime();
        try {
            rebuildRows(joining, prefill, width);
        } finally {
            rebuildNanos += System.nanoTime() - t0;
        }
    }

    private void rebuildRows(List<Sequence> joining, StepOutput prefill, int width) {
        List<Row> kept = rows.stream().filter(r -> !r.vacant).toList();
        if (kept.isEmpty() && prefill != null) {
            // Nothing to merge with: the prefill's cache is the batch's cache as it is.
            clear();
            for (int j = 0; j < joining.size(); j++) {
                rows.add(new Row(joining.get(j), width - joining.get(j).prompt().length, prefill.rowLogits(j)));
            }
            cache = prefill.present();
            length = width;
            liveRows = rows.size();
            return;
        }
        int newLength = width;
        for (Row row : kept) {
            newLength = Math.max(newLength, length - row.start);
        }
        int total = kept.size() + joining.size();
        HostKvCache[] sources = new HostKvCache[total];
        int[] sourceRows = new int[total];
        HostKvCache old = kept.isEmpty() ? null : cache.download();
        HostKvCache fresh = joining.isEmpty() ? null : prefill.present().download();
        List<Row> next = new ArrayList<>(total);
        for (int i = 0; i < kept.size(); i++) {
            Row row = kept.get(i);
            sources[i] = old;
            sourceRows[i] = rows.indexOf(row);
            int valid = length - row.start;
            row.start = newLength - valid;
            next.add(row);
        }
        for (int j = 0; j < joining.size(); j++) {
            Sequence s = joining.get(j);
            sources[kept.size() + j] = fresh;
            sourceRows[kept.size() + j] = j;
            next.add(new Row(s, newLength - s.prompt().length, prefill.rowLogits(j)));
        }
        rebuilds++;
        KvCache rebuilt = runtime.upload(HostKvCache.gather(sources, sourceRows, newLength));
        if (cache != null) {
            cache.close();
        }
        if (prefill != null) {
            prefill.present().close();
        }
        cache = rebuilt;
        rows = next;
        liveRows = next.size();
        length = newLength;
    }

    private StepOutput forward(int batch, int newTokens, long[] ids, long[] positions, long[] mask, KvCache past) {
        long t0 = System.nanoTime();
        StepOutput out = runtime.forward(batch, newTokens, ids, positions, mask, past);
        forwardNanos += System.nanoTime() - t0;
        return out;
    }

    private void clear() {
        if (cache != null) {
            cache.close();
            cache = null;
        }
        rows = new ArrayList<>();
        liveRows = 0;
        length = 0;
    }

    @Override
    public void close() {
        clear();
        waiting.clear();
    }
}
