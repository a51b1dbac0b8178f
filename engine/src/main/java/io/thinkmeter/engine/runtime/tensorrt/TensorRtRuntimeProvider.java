package io.thinkmeter.engine.runtime.tensorrt;

import ai.djl.Device;
import ai.djl.util.cuda.CudaUtils;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtProvider;
import io.thinkmeter.engine.model.ReasonerDescriptor;
import io.thinkmeter.engine.runtime.DecoderRuntime;
import io.thinkmeter.engine.runtime.RuntimeOptions;
import io.thinkmeter.engine.runtime.RuntimeProvider;
import io.thinkmeter.engine.runtime.ort.OrtDecoderRuntime;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/**
 * TensorRT for GPU workers: the same ONNX file, run by DJL's ONNX Runtime engine with ONNX Runtime's
 * TensorRT execution provider (DJL's {@code ortDevice=TensorRT} option). It needs the
 * {@code com.microsoft.onnxruntime:onnxruntime_gpu} jar in place of the CPU one, an NVIDIA GPU, and
 * the CUDA and TensorRT libraries; none of these is on a Thinkmeter build machine, so this path is
 * compiled and selected by configuration but not run here (see workers/README.md).
 */
public final class TensorRtRuntimeProvider implements RuntimeProvider {

    @Override
    public String name() {
        return "tensorrt";
    }

    @Override
    public int rank() {
        return 20;
    }

    @Override
    public Optional<String> unavailableReason() {
        try {
            if (!OrtEnvironment.getAvailableProviders().contains(OrtProvider.TENSOR_RT)) {
                return Optional.of("this ONNX Runtime has no TensorRT execution provider (it has "
                        + OrtEnvironment.getAvailableProviders() + "); put com.microsoft.onnxruntime:onnxruntime_gpu"
                        + " on the class path in place of onnxruntime, with CUDA and TensorRT installed");
            }
        } catch (LinkageError e) {
            return Optional.of("ONNX Runtime's native library did not load: " + e.getMessage());
        }
        if (CudaUtils.getGpuCount() == 0) {
            return Optional.of("no CUDA GPU is visible");
        }
        return Optional.empty();
    }

    @Override
    public DecoderRuntime load(Path modelDir, ReasonerDescriptor descriptor, RuntimeOptions options)
            throws IOException {
        unavailableReason().ifPresent(reason -> {
            throw new IllegalStateException("runtime 'tensorrt' cannot run here: " + reason);
        });
        Map<String, String> engine = Map.of("ortDevice", "TensorRT", "optLevel", "ALL_OPT");
        return OrtDecoderRuntime.load(modelDir, descriptor, Device.gpu(options.deviceId()), engine,
                "onnxruntime-tensorrt-gpu" + options.deviceId());
    }
}
