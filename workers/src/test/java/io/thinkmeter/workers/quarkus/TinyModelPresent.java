package io.thinkmeter.workers.quarkus;

import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtensionContext;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Skips a {@code @QuarkusTest} class, with a message, when the tiny model is absent: the condition runs
 * before Quarkus starts the application (which would otherwise fail to open the model).
 */
public final class TinyModelPresent implements ExecutionCondition {

    /** The tiny model's directory, as {@code TinyModel} finds it. */
    static Path directory() {
        String configured = System.getProperty("thinkmeter.models.dir");
        Path models = configured != null ? Path.of(configured) : Path.of("..", "models");
        return models.resolve(System.getProperty("thinkmeter.test.model", "tiny-reasoner"));
    }

    @Override
    public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
        Path dir = directory();
        return Files.isRegularFile(dir.resolve("reasoner.json"))
                ? ConditionEvaluationResult.enabled("tiny model at " + dir)
                : ConditionEvaluationResult.disabled("no tiny model at " + dir.toAbsolutePath()
                        + ": build it with model-lab (see its README)");
    }
}
