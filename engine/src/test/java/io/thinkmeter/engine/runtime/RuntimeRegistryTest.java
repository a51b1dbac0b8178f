package io.thinkmeter.engine.runtime;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.thinkmeter.contracts.Method;
import io.thinkmeter.engine.TinyModel;
import io.thinkmeter.engine.decoding.DecodeSettings;
import io.thinkmeter.engine.decoding.Sampling;
import io.thinkmeter.engine.BatchDecoder;
import io.thinkmeter.engine.DecodeRequest;
import io.thinkmeter.engine.ReasonerModel;
import org.junit.jupiter.api.Test;

import java.util.Optional;

class RuntimeRegistryTest {

    private final RuntimeRegistry registry = RuntimeRegistry.discover();

    @Test
    void shouldFindBothRuntimesOnTheClassPath() {
        assertEquals(2, registry.providers().size());
        assertEquals("onnxruntime", registry.select("onnxruntime").name());
    }

    @Test
    void shouldNameTheKnownRuntimesWhenAskedForAnUnknownOne() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> registry.select("cuda"));
        assertTrue(e.getMessage().contains("onnxruntime, tensorrt"), e.getMessage());
    }

    @Test
    void autoShouldPickTheBestRuntimeThatCanRunHere() {
        String expected = tensorRtUnavailable().isPresent() ? "onnxruntime" : "tensorrt";
        assertEquals(expected, registry.select("auto").name());
    }

    @Test
    void tensorRtShouldFailWithAClearMessageWhereItIsAbsent() {
        Optional<String> reason = tensorRtUnavailable();
        assumeTrue(reason.isPresent(), "TensorRT is available here; the absent case cannot be checked");
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> registry.select("tensorrt"));
        assertTrue(e.getMessage().startsWith("runtime 'tensorrt' cannot run here: "), e.getMessage());
    }

    @Test
    void tensorRtShouldReproduceTheCpuGreedyOutput() throws Exception {
        Optional<String> reason = tensorRtUnavailable();
        assumeTrue(reason.isEmpty(), () -> "TensorRT runtime skipped: " + reason.orElse(""));
        try (ReasonerModel gpu = ReasonerModel.open(TinyModel.directory(), new RuntimeOptions("tensorrt", 0, 0));
             ReasonerModel cpu = ReasonerModel.open(TinyModel.directory(), RuntimeOptions.cpuDefaults())) {
            assertTrue(gpu.runtime().description().contains("tensorrt"));
            assertArrayEquals(greedyIds(cpu), greedyIds(gpu));
        }
    }

    private static int[] greedyIds(ReasonerModel model) {
        try (BatchDecoder decoder = new BatchDecoder(model, 1)) {
            decoder.submit(new DecodeRequest("0", "Compute 478 + 356.", null,
                    new DecodeSettings(Method.NONE, 200, 16, 1, 0, 0, Sampling.greedy())));
            return decoder.drain().get(0).generatedIds();
        }
    }

    private Optional<String> tensorRtUnavailable() {
        return registry.providers().stream().filter(p -> p.name().equals("tensorrt")).findFirst().orElseThrow()
                .unavailableReason();
    }
}
