package io.thinkmeter.ops;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.thinkmeter.contracts.Level;
import io.thinkmeter.contracts.Method;
import io.thinkmeter.engine.model.PromptEncoder;
import io.thinkmeter.engine.model.ReasonerDescriptor;
import io.thinkmeter.engine.model.ReasonerTokenizer;
import io.thinkmeter.evaluation.DefaultBudget;
import io.thinkmeter.evaluation.Problem;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/** eval's default budget on the shipped models' own templates and tokenizers (no decoding). */
class DefaultBudgetTest {

    private static final List<Problem> PROBLEMS = List.of(new Problem("a", "Compute 2 + 3.", "5", Map.of()),
            new Problem("b", "Compute 478 + 356 - 25 + 1000 - 7.", "1802", Map.of()));

    @Test
    void underTldrTheLongestLevelInstructionCountsUnlessLevelsAreAsked() throws Exception {
        Path main = TestModels.tinyReasoner();
        Path tldr = main.resolveSibling("tiny-reasoner-tldr");
        assumeTrue(Files.isRegularFile(tldr.resolve("reasoner.json")), "no TLDR model beside " + main);
        ReasonerDescriptor mainModel = ReasonerDescriptor.read(main.resolve("reasoner.json"));
        ReasonerDescriptor tldrModel = ReasonerDescriptor.read(tldr.resolve("reasoner.json"));
        try (ReasonerTokenizer mainTokens = ReasonerTokenizer.load(main.resolve(mainModel.tokenizerFile()));
             ReasonerTokenizer tldrTokens = ReasonerTokenizer.load(tldr.resolve(tldrModel.tokenizerFile()))) {
            PromptEncoder mainPrompts = new PromptEncoder(mainModel, mainTokens);
            PromptEncoder tldrPrompts = new PromptEncoder(tldrModel, tldrTokens);
            String problem = PROBLEMS.get(1).problem();

            DefaultBudget none = DefaultBudget.of(PROBLEMS, List.of(Method.NONE), List.of(), mainPrompts, tldrPrompts);
            assertEquals(mainModel.maxContext() - mainPrompts.encode(problem, null).length, none.budget());
            assertEquals("b", none.problemId());

            DefaultBudget anyLevel = DefaultBudget.of(PROBLEMS, List.of(Method.NONE, Method.TLDR), List.of(),
                    mainPrompts, tldrPrompts);
            assertEquals(Level.LONG, anyLevel.level(), "the longest instruction: " + tldrModel.levels());
            assertEquals("tiny-reasoner-tldr", anyLevel.model());
            assertEquals(tldrModel.maxContext() - tldrPrompts.encode(problem, tldrModel.levels().get("long")).length,
                    anyLevel.budget());

            DefaultBudget shortOnly = DefaultBudget.of(PROBLEMS, List.of(Method.TLDR), List.of(Level.SHORT),
                    mainPrompts, tldrPrompts);
            assertEquals(Level.SHORT, shortOnly.level());
            assertEquals(tldrModel.maxContext() - tldrPrompts.encode(problem, tldrModel.levels().get("short")).length,
                    shortOnly.budget());
        }
    }
}
