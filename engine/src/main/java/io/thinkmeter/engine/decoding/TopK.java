package io.thinkmeter.engine.decoding;

/**
 * Keeps the k most likely tokens and removes the rest. Never forces.
 *
 * <p>Tokens tied with the k-th largest logit are all kept (as in Hugging Face's TopKLogitsWarper),
 * so the kept set is exactly k except on exact ties, and no token is favoured by its id.
 */
public final class TopK implements Intervention {

    private final int k;
    /** Min-heap of the k largest logits seen; reused across calls so apply allocates nothing. */
    private final float[] heap;

    public TopK(int k) {
        if (k < 1) {
            throw new IllegalArgumentException("top-k must be at least 1, got " + k);
        }
        this.k = k;
        this.heap = new float[k];
    }

    public int k() {
        return k;
    }

    @Override
    public void apply(float[] logits) {
        if (k >= logits.length) {
            return;
        }
        // O(n log k) with a heap of k rather than sorting the whole vocabulary every token.
        int size = 0;
        for (float x : logits) {
            if (size < k) {
                heap[size] = x;
                siftUp(size++);
            } else if (x > heap[0]) {
                heap[0] = x;
                siftDown(k);
            }
        }
        float kth = heap[0];
        for (int i = 0; i < logits.length; i++) {
            if (logits[i] < kth) {
                logits[i] = Float.NEGATIVE_INFINITY;
            }
        }
    }

    private void siftUp(int i) {
        float x = heap[i];
        while (i > 0) {
            int parent = (i - 1) >>> 1;
            if (!(x < heap[parent])) {
                break;
            }
            heap[i] = heap[parent];
            i = parent;
        }
        heap[i] = x;
    }

    private void siftDown(int size) {
        float x = heap[0];
        int i = 0;
        while (true) {
            int child = 2 * i + 1;
            if (child >= size) {
                break;
            }
            if (child + 1 < size && heap[child + 1] < heap[child]) {
                child++;
            }
            if (!(heap[child] < x)) {
                break;
            }
            heap[i] = heap[child];
            i = child;
        }
        heap[i] = x;
    }

    @Override
    public void accept(int token) {}

    @Override
    public boolean forcing() {
        return false;
    }

    /** A new instance: the scratch heap must not be shared between sequences decoded in parallel. */
    @Override
    public Intervention copy() {
        return new TopK(k);
    }
}
