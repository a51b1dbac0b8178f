package io.thinkmeter.engine.runtime;

import io.thinkmeter.engine.model.ReasonerDescriptor;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Finds and builds one kind of {@link DecoderRuntime}, in the manner of DJL's EngineProvider: a name,
 * a rank, and the runtime built only when asked. Registered in META-INF/services.
 */
public interface RuntimeProvider {

    /** The name configuration uses to choose this runtime ("onnxruntime", "tensorrt"). */
    String name();

    /** Higher wins when configuration says "auto". */
    int rank();

    /** Why this runtime cannot run on this machine, or empty when it can. */
    Optional<String> unavailableReason();

    DecoderRuntime load(Path modelDir, ReasonerDescriptor descriptor, RuntimeOptions options) throws IOException;
}
