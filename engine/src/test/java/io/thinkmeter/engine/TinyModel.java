package io.thinkmeter.engine;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.thinkmeter.engine.ReasonerModel;
import io.thinkmeter.engine.runtime.RuntimeOptions;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/**
 * Where tests find the shipped tiny model, opened once per test JVM and shared; tests skip with a
 * message when it is absent.
 */
public final class TinyModel {

    private static final Map<Path, ReasonerModel> OPEN = new HashMap<>();

    private TinyModel() {}

    public static Path directory() {
        String configured = System.getProperty("thinkmeter.models.dir");
        Path models = configured != null ? Path.of(configured) : Path.of("..", "models");
        Path dir = models.resolve(System.getProperty("thinkmeter.test.model", "tiny-reasoner"));
        assumeTrue(Files.isRegularFile(dir.resolve("reasoner.json")),
                "no tiny model at " + dir.toAbsolutePath() + ": build it with model-lab (see its README)");
        return dir;
    }

    /** The TLDR model trained from the tiny model (models/tiny-reasoner-tldr); skips when absent. */
    public static Path tldrDirectory() {
        return tldrDirectory("tiny-reasoner-tldr");
    }

    /** A TLDR model beside the tiny model, by its directory name under models/; skips when absent. */
    public static Path tldrDirectory(String name) {
        Path dir = directory().resolveSibling(name);
        assumeTrue(Files.isRegularFile(dir.resolve("reasoner.json")),
                "no TLDR model at " + dir.toAbsolutePath() + ": build it with model-lab lab.py tldr");
        return dir;
    }

    /** The TLDR model on the CPU runtime; closed when the test JVM exits. */
    public static ReasonerModel sharedTldr() {
        return openShared(tldrDirectory());
    }

    /** The named TLDR model (see tldrDirectory(String)) on the CPU runtime; closed when the test JVM exits. */
    public static ReasonerModel sharedTldr(String name) {
        return openShared(tldrDirectory(name));
    }

    /** The tiny model on the CPU runtime; closed when the test JVM exits. */
    public static ReasonerModel shared() {
        return openShared(directory());
    }

    private static synchronized ReasonerModel openShared(Path dir) {
        ReasonerModel model = OPEN.get(dir);
        if (model == null) {
            try {
                model = ReasonerModel.open(dir, RuntimeOptions.cpuDefaults());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            OPEN.put(dir, model);
            Runtime.getRuntime().addShutdownHook(new Thread(model::close));
        }
        return model;
    }
}
