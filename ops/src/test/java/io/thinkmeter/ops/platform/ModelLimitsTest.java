package io.thinkmeter.ops.platform;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.thinkmeter.ops.TestModels;
import io.thinkmeter.engine.model.ReasonerDescriptor;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;

/** The limits ingest is given for the served models: sound (never refusing what fits) and tight enough. */
class ModelLimitsTest {

    @Test
    void theTinyModelsContextShouldBoundTheBudgetAndTheProblemLength() throws Exception {
        Path model = TestModels.tinyReasoner();
        ModelLimits limits = ModelLimits.of(ModelDirs.only(model));
        int context = ReasonerDescriptor.read(model.resolve("reasoner.json")).maxContext();

        assertTrue(limits.maxBudget() < context && limits.maxBudget() > context - 20,
                "the context less a short prompt: " + limits.maxBudget());
        assertTrue(1_000_000 > limits.maxBudget(), "issue 10's budget of 1,000,000 is refused");
        assertTrue(limits.maxProblemChars() < 19_000, "issue 10's 19,000-character problems are refused: "
                + limits.maxProblemChars());
        // every vocabulary entry is at most this many bytes, so no problem that fits is refused
        assertEquals(limits.maxProblemChars(),
                (limits.maxBudget()) * ModelLimits.longestTokenBytes(model.resolve("tokenizer.json")));
    }

    @Test
    void aTldrModelBesideItShouldLeaveTheLargerLimits() throws Exception {
        ModelDirs both = ModelDirs.withTldrBeside(TestModels.tinyReasoner());
        ModelLimits main = ModelLimits.of(ModelDirs.only(both.main()));
        ModelLimits served = ModelLimits.of(both);
        assertTrue(served.maxBudget() >= main.maxBudget());
        assertTrue(served.maxProblemChars() >= main.maxProblemChars());
    }
}
