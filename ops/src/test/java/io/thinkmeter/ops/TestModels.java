package io.thinkmeter.ops;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;

/** Where ops tests find the shipped tiny model; they skip with a message when it is absent. */
public final class TestModels {

    private TestModels() {}

    public static Path tinyReasoner() {
        String configured = System.getProperty("thinkmeter.models.dir");
        Path dir = (configured != null ? Path.of(configured) : Path.of("..", "models")).resolve("tiny-reasoner");
        assumeTrue(Files.isRegularFile(dir.resolve("reasoner.json")),
                "no tiny model at " + dir.toAbsolutePath() + ": build it with model-lab (see its README)");
        return dir;
    }
}
