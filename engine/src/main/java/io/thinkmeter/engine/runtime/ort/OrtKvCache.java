package io.thinkmeter.engine.runtime.ort;

import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import io.thinkmeter.engine.model.ReasonerDescriptor;
import io.thinkmeter.engine.runtime.HostKvCache;
import io.thinkmeter.engine.runtime.KvCache;

/** Present tensors of one forward pass, kept in ONNX Runtime memory until the next pass uses them. */
final class OrtKvCache implements KvCache {

    private final NDManager owner;
    private final NDList arrays;
    private final int batch;
    private final int length;
    private final ReasonerDescriptor.KvCacheShape shape;

    OrtKvCache(NDManager owner, NDList arrays, int batch, int length, ReasonerDescriptor.KvCacheShape shape) {
        this.owner = owner;
        this.arrays = arrays;
        this.batch = batch;
        this.length = length;
        this.shape = shape;
    }

    NDList arrays() {
        return arrays;
    }

    @Override
    public int batch() {
        return batch;
    }

    @Override
    public int length() {
        return length;
    }

    @Override
    public HostKvCache download() {
        int layers = shape.layers();
        float[][] keys = new float[layers][];
        float[][] values = new float[layers][];
        for (int l = 0; l < layers; l++) {
            keys[l] = arrays.get(2 * l).toFloatArray();
            values[l] = arrays.get(2 * l + 1).toFloatArray();
        }
        return new HostKvCache(layers, batch, shape.kvHeads(), length, shape.headDim(), keys, values);
    }

    @Override
    public void close() {
        owner.close();
    }
}
