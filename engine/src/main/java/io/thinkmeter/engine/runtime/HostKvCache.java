package io.thinkmeter.engine.runtime;

/**
 * A KV cache in host memory, used only when the batch changes shape (a sequence joins or leaves).
 * Per layer, keys and values are {@code [batch][heads][length][headDim]} flattened row-major.
 * Padding is on the left, matching the attention mask the decode loop keeps.
 */
public final class HostKvCache {

    private final int layers;
    private final int batch;
    private final int heads;
    private final int length;
    private final int headDim;
    private final float[][] keys;
    private final float[][] values;

    public HostKvCache(int layers, int batch, int heads, int length, int headDim, float[][] keys, float[][] values) {
        int expected = batch * heads * length * headDim;
        if (keys.length != layers || values.length != layers) {
            throw new IllegalArgumentException("expected " + layers + " layers of keys and values");
        }
        for (int l = 0; l < layers; l++) {
            if (keys[l].length != expected || values[l].length != expected) {
                throw new IllegalArgumentException("layer " + l + " holds " + keys[l].length + " floats, expected "
                        + expected);
            }
        }
        this.layers = layers;
        this.batch = batch;
        this.heads = heads;
        this.length = length;
        this.headDim = headDim;
        this.keys = keys;
        this.values = values;
    }

    public int layers() {
        return layers;
    }

    public int batch() {
        return batch;
    }

    public int heads() {
        return heads;
    }

    public int length() {
        return length;
    }

    public int headDim() {
        return headDim;
    }

    public float[] keys(int layer) {
        return keys[layer];
    }

    public float[] values(int layer) {
        return values[layer];
    }

    /**
     * A new cache holding the given rows of the given caches, in order, each right-aligned to
     * {@code newLength} (left-padded with zeros, or cut on the left where a row has masked columns
     * to spare: the caller guarantees only padding is cut).
     */
    public static HostKvCache gather(HostKvCache[] sources, int[] sourceRows, int newLength) {
        HostKvCache first = sources[0];
        int rows = sources.length;
        int layers = first.layers;
        int heads = first.heads;
        int headDim = first.headDim;
        float[][] k = new float[layers][rows * heads * newLength * headDim];
        float[][] v = new float[layers][rows * heads * newLength * headDim];
        for (int r = 0; r < rows; r++) {
            HostKvCache src = sources[r];
            int shift = newLength - src.length; // > 0: pad left; < 0: drop leading columns
            int copy = Math.min(src.length, newLength);
            int srcStart = Math.max(0, -shift);
            int dstStart = Math.max(0, shift);
            for (int l = 0; l < layers; l++) {
                for (int h = 0; h < heads; h++) {
                    int srcBase = ((sourceRows[r] * heads + h) * src.length + srcStart) * headDim;
                    int dstBase = ((r * heads + h) * newLength + dstStart) * headDim;
                    System.arraycopy(src.keys[l], srcBase, k[l], dstBase, copy * headDim);
                    System.arraycopy(src.values[l], srcBase, v[l], dstBase, copy * headDim);
                }
            }
        }
        return new HostKvCache(layers, rows, heads, newLength, headDim, k, v);
    }
}
