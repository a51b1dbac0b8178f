package io.thinkmeter.engine.runtime;

/**
 * Engine settings from configuration.
 *
 * @param runtime a provider name, or "auto" for the highest-ranked available one
 * @param intraOpThreads threads inside one operator (0: the engine's default)
 * @param deviceId the GPU for GPU runtimes
 */
public record RuntimeOptions(String runtime, int intraOpThreads, int deviceId) {

    public static RuntimeOptions cpuDefaults() {
        return new RuntimeOptions("onnxruntime", 0, 0);
    }
}
