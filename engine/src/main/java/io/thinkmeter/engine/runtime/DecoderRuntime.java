package io.thinkmeter.engine.runtime;

/**
 * A decoder-with-past model behind the narrowest interface the decode loop needs: one forward pass
 * over a batch, and the KV cache moved between host and runtime when the batch changes shape.
 * One implementation per engine package ({@code ort}, {@code tensorrt}); the loop never sees tensors.
 */
public interface DecoderRuntime extends AutoCloseable {

    /**
     * Runs one forward pass.
     *
     * @param batch rows in the batch
     * @param newTokens tokens per row in this pass (the prompt length on prefill, 1 when decoding)
     * @param inputIds {@code [batch * newTokens]}, row-major
     * @param positionIds {@code [batch * newTokens]}: each token's position in its own sequence
     * @param attentionMask {@code [batch * (past + newTokens)]}: 1 for real tokens, 0 for padding
     * @param past the cache returned by the previous pass, or null for an empty one; the caller
     *     still owns it and closes it when it is no longer needed
     * @return the logits of each row's last new token and the cache extended by the new tokens
     */
    StepOutput forward(int batch, int newTokens, long[] inputIds, long[] positionIds, long[] attentionMask,
                       KvCache past);

    /** Puts a host copy of a cache back into the runtime, for a batch whose rows changed. */
    KvCache upload(HostKvCache host);

    /** Nanoseconds spent inside the engine's own session calls so far, for the decode benchmark. */
    long sessionNanos();

    /** Engine and device, for logs and results ("onnxruntime-cpu"). */
    String description();

    @Override
    void close();
}
