package io.thinkmeter.ops;

import io.thinkmeter.ops.platform.ModelDirs;
import io.thinkmeter.engine.ReasonerModel;
import io.thinkmeter.engine.runtime.RuntimeOptions;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.nio.file.Path;

/** The model directory and runtime options every model-running command takes. */
final class ModelOptions {

    @Option(names = "--model", defaultValue = "models/tiny-reasoner",
            description = "model directory with reasoner.json (default: ${DEFAULT-VALUE})")
    Path model;

    @Mixin
    TldrModelOption tldrModel;

    @Option(names = "--runtime", defaultValue = "onnxruntime",
            description = "onnxruntime, tensorrt or auto (default: ${DEFAULT-VALUE})")
    String runtime;

    @Option(names = "--threads", defaultValue = "0", description = "ONNX Runtime intra-op threads (0: its default)")
    int threads;

    ReasonerModel open() throws IOException {
        return dirs().openMain(runtimeOptions());
    }

    /** The model for method tldr, or null when the main model serves it. */
    ReasonerModel openTldr() throws IOException {
        return dirs().openTldr(runtimeOptions());
    }

    /** A model by its directory, with these runtime options (eval's several TLDR models). */
    ReasonerModel open(Path dir) throws IOException {
        return ReasonerModel.open(dir, runtimeOptions());
    }

    ModelDirs dirs() {
        return tldrModel.besides(model);
    }

    private RuntimeOptions runtimeOptions() {
        return new RuntimeOptions(runtime, threads, 0);
    }

    Path evalSet() {
        return model.resolve("eval.jsonl");
    }
}
