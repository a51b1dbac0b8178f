package io.thinkmeter.workers;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;

/** Where tests find the shipped tiny model; tests skip with a message when it is absent. */
public final class TinyModel {

    private TinyModel() {}

    public static Path directory() {
        String configured = System.getProperty("thinkmeter.models.dir");
        Path models = configured != null ? Path.of(configured) : Path.of("..", "models");
        Path dir = models.resolve(System.getProperty("thinkmeter.test.model", "tiny-reasoner"));
        assumeTrue(Files.isRegularFile(dir.resolve("reasoner.json")),
                "no tiny model at " + dir.toAbsolutePath() + ": build it with ops/model-lab (see its README)");
        return dir;
    }
}
