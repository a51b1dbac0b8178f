package io.thinkmeter.ops.bench;

import io.thinkmeter.engine.model.ReasonerDescriptor;
import io.thinkmeter.engine.runtime.DecoderRuntime;
import io.thinkmeter.engine.runtime.HostKvCache;
import io.thinkmeter.engine.runtime.KvCache;
import io.thinkmeter.engine.runtime.StepOutput;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The cost of one decode step by batch size and cache length, on the runtime alone: shows how much
 * of a step is fixed (per call) and how much grows with batch x length (attention and the copy of
 * past into present that the with-past layout makes every step).
 */
public final class StepCostBenchmark {

    /** Median microseconds of one step, and per sequence in the batch. */
    public record Cell(int batch, int length, double microsPerStep, double microsPerToken) {}

    private final DecoderRuntime runtime;
    private final ReasonerDescriptor.KvCacheShape shape;

    public StepCostBenchmark(DecoderRuntime runtime, ReasonerDescriptor.KvCacheShape shape) {
        this.runtime = runtime;
        this.shape = shape;
    }

    public List<Cell> run(int[] batches, int[] lengths, int repeats) {
        List<Cell> cells = new ArrayList<>();
        for (int b : batches) {
            for (int l : lengths) {
                double micros = median(b, l, repeats);
                cells.add(new Cell(b, l, micros, micros / b));
            }
        }
        return cells;
    }

    private double median(int batch, int length, int repeats) {
        int n = batch * shape.kvHeads() * length * shape.headDim();
        float[][] k = new float[shape.layers()][n];
        float[][] v = new float[shape.layers()][n];
        HostKvCache host = new HostKvCache(shape.layers(), batch, shape.kvHeads(), length, shape.headDim(), k, v);
        long[] ids = new long[batch];
        long[] positions = new long[batch];
        Arrays.fill(ids, 5);
        Arrays.fill(positions, length);
        long[] mask = new long[batch * (length + 1)];
        Arrays.fill(mask, 1);
        long[] times = new long[repeats];
        try (KvCache past = runtime.upload(host)) {
            for (int i = -3; i < repeats; i++) {
                long t0 = System.nanoTime();
                StepOutput out = runtime.forward(batch, 1, ids, positions, mask, past);
                long t = System.nanoTime() - t0;
                out.present().close();
                if (i >= 0) {
                    times[i] = t;
                }
            }
        }
        Arrays.sort(times);
        return times[repeats / 2] / 1e3;
    }
}
