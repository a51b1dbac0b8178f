package io.thinkmeter.engine.runtime.ort;

import ai.djl.Device;
import io.thinkmeter.engine.model.ReasonerDescriptor;
import io.thinkmeter.engine.runtime.DecoderRuntime;
import io.thinkmeter.engine.runtime.RuntimeOptions;
import io.thinkmeter.engine.runtime.RuntimeProvider;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/** ONNX Runtime on the CPU through DJL: the default runtime, and the one verified here. */
public final class OrtRuntimeProvider implements RuntimeProvider {

    @Override
    public String name() {
        return "onnxruntime";
    }

    @Override
    public int rank() {
        return 10;
    }

    @Override
    public Optional<String> unavailableReason() {
        return Optional.empty();
    }

    @Override
    public DecoderRuntime load(Path modelDir, ReasonerDescriptor descriptor, RuntimeOptions options)
            throws IOException {
        return OrtDecoderRuntime.load(modelDir, descriptor, Device.cpu(), threadOptions(options), "onnxruntime-cpu");
    }

    /** DJL sets intra-op threads only when inter-op threads are given too, so both are always passed. */
    static Map<String, String> threadOptions(RuntimeOptions options) {
        if (options.intraOpThreads() <= 0) {
            return Map.of("optLevel", "ALL_OPT");
        }
        return Map.of("interOpNumThreads", "1", "intraOpNumThreads", Integer.toString(options.intraOpThreads()),
                "optLevel", "ALL_OPT");
    }
}
