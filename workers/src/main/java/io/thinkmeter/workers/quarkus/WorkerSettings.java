package io.thinkmeter.workers.quarkus;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import io.thinkmeter.contracts.Pool;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

/**
 * The worker service's settings, {@code thinkmeter.worker.*}: as {@code -Dthinkmeter.worker.pool=short} or
 * the environment ({@code THINKMETER_WORKER_POOL=short}). The Kafka cluster is {@code kafka.bootstrap.servers}.
 */
@ConfigMapping(prefix = "thinkmeter.worker")
public interface WorkerSettings {

    /** The pool this process serves: short, medium or long. Required. */
    Pool pool();

    /** The most requests decoding at once in the batch (and taken from Kafka but not yet answered). */
    @WithDefault("16")
    int maxInFlight();

    /** The model directory (reasoner.json, tokenizer.json, the ONNX model); relative to the working directory. */
    @WithDefault("models/tiny-reasoner")
    Path modelDir();

    /**
     * The model directory for method tldr (a TLDR-trained model with level instructions); absent: the
     * main model serves tldr requests, and refuses them with a reason unless it has levels.
     */
    Optional<Path> tldrModelDir();

    /** Which model runtime runs the model. */
    @WithDefault("onnxruntime")
    ModelRuntime runtime();

    /** Named in every result, for audit. Default: worker-POOL-HOSTNAME. */
    Optional<String> id();

    /** ONNX Runtime intra-op threads; 0 leaves ONNX Runtime's default. */
    @WithDefault("0")
    int threads();

    /** The GPU a GPU runtime uses. */
    @WithDefault("0")
    int deviceId();

    /** On shutdown, how long to wait for the requests in flight to finish and their results to be written. */
    @WithDefault("120s")
    Duration drainTimeout();

    /** The runtimes a worker can be given; the names are the workers module's runtime provider names. */
    enum ModelRuntime {
        ONNXRUNTIME("onnxruntime"), TENSORRT("tensorrt"), AUTO("auto");

        private final String providerName;

        ModelRuntime(String providerName) {
            this.providerName = providerName;
        }

        public String providerName() {
            return providerName;
        }
    }
}
