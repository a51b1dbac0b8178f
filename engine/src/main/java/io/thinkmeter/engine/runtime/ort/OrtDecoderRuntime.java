package io.thinkmeter.engine.runtime.ort;

import ai.djl.Device;
import ai.djl.MalformedModelException;
import ai.djl.Model;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.training.ParameterStore;
import io.thinkmeter.engine.model.ReasonerDescriptor;
import io.thinkmeter.engine.runtime.DecoderRuntime;
import io.thinkmeter.engine.runtime.HostKvCache;
import io.thinkmeter.engine.runtime.KvCache;
import io.thinkmeter.engine.runtime.StepOutput;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;

/**
 * An ONNX decoder in Hugging Face Optimum's with-past layout, run by DJL's ONNX Runtime engine.
 * The present tensors of one pass are fed back as the next pass's past without a copy; they are
 * copied to the host only when the batch changes shape.
 */
public final class OrtDecoderRuntime implements DecoderRuntime {

    private final Model model;
    private final Block block;
    private final NDManager manager;
    private final ReasonerDescriptor.KvCacheShape cache;
    private final String[] pastNames;
    private final String description;
    private long sessionNanos;

    private OrtDecoderRuntime(Model model, ReasonerDescriptor.KvCacheShape cache, String description) {
        this.model = model;
        this.block = model.getBlock();
        this.manager = model.getNDManager().newSubManager();
        this.cache = cache;
        this.description = description;
        this.pastNames = new String[2 * cache.layers()];
        for (int l = 0; l < cache.layers(); l++) {
            pastNames[2 * l] = "past_key_values." + l + ".key";
            pastNames[2 * l + 1] = "past_key_values." + l + ".value";
        }
    }

    public static OrtDecoderRuntime load(Path modelDir, ReasonerDescriptor descriptor, Device device,
                                  Map<String, String> engineOptions, String description) throws IOException {
        Model model = Model.newInstance(descriptor.name(), device, "OnnxRuntime");
        try {
            model.load(modelDir.resolve(descriptor.modelFile()), null, engineOptions);
        } catch (MalformedModelException e) {
            model.close();
            throw new IOException("cannot load " + modelDir.resolve(descriptor.modelFile()) + ": " + e.getMessage(), e);
        }
        return new OrtDecoderRuntime(model, descriptor.kvCache(), description);
    }

    @Override
    public StepOutput forward(int batch, int newTokens, long[] inputIds, long[] positionIds, long[] attentionMask,
                              KvCache past) {
        int pastLength = past == null ? 0 : past.length();
        if (attentionMask.length != batch * (pastLength + newTokens)) {
            throw new IllegalArgumentException("attention mask has " + attentionMask.length + " entries, expected "
                    + batch * (pastLength + newTokens));
        }
        NDManager step = manager.newSubManager();
        NDList inputs = new NDList(3 + pastNames.length);
        inputs.add(named(step.create(inputIds, new Shape(batch, newTokens)), "input_ids"));
        inputs.add(named(step.create(attentionMask, new Shape(batch, pastLength + newTokens)), "attention_mask"));
        inputs.add(named(step.create(positionIds, new Shape(batch, newTokens)), "position_ids"));
        if (past == null) {
            Shape empty = new Shape(batch, cache.kvHeads(), 0, cache.headDim());
            for (String name : pastNames) {
                inputs.add(named(step.create(new float[0], empty), name));
            }
        } else {
            NDList arrays = ((OrtKvCache) past).arrays();
            for (int i = 0; i < pastNames.length; i++) {
                inputs.add(named(arrays.get(i), pastNames[i]));
            }
        }
        long t0 = System.nanoTime();
        NDList outputs = block.forward(new ParameterStore(step, false), inputs, false);
        sessionNanos += System.nanoTime() - t0;
        NDArray logits = outputs.get(0);
        int vocab = Math.toIntExact(logits.getShape().get(2));
        float[] all = logits.toFloatArray();
        float[] last = new float[batch * vocab];
        for (int row = 0; row < batch; row++) {
            System.arraycopy(all, (row * newTokens + newTokens - 1) * vocab, last, row * vocab, vocab);
        }
        // The step manager owns this pass's inputs and outputs; the new cache closes it when done.
        return new StepOutput(last, vocab, new OrtKvCache(step, outputs.subNDList(1), batch, pastLength + newTokens,
                cache));
    }

    @Override
    public KvCache upload(HostKvCache host) {
        NDManager holder = manager.newSubManager();
        NDList arrays = new NDList(2 * host.layers());
        Shape shape = new Shape(host.batch(), host.heads(), host.length(), host.headDim());
        for (int l = 0; l < host.layers(); l++) {
            arrays.add(holder.create(host.keys(l), shape));
            arrays.add(holder.create(host.values(l), shape));
        }
        return new OrtKvCache(holder, arrays, host.batch(), host.length(), cache);
    }

    private static NDArray named(NDArray array, String name) {
        array.setName(name);
        return array;
    }

    @Override
    public long sessionNanos() {
        return sessionNanos;
    }

    @Override
    public String description() {
        return description;
    }

    @Override
    public void close() {
        manager.close();
        model.close();
    }
}
