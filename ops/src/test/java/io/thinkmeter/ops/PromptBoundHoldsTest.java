package io.thinkmeter.ops;

import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.thinkmeter.contracts.ChatMessage;
import io.thinkmeter.contracts.Json;
import io.thinkmeter.contracts.Method;
import io.thinkmeter.contracts.ProblemRequest;
import io.thinkmeter.engine.model.ReasonerDescriptor;
import io.thinkmeter.engine.model.ReasonerTokenizer;
import io.thinkmeter.scheduler.PromptBound;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The scheduler reserves a prompt's upper bound before any tokenizer runs ({@link PromptBound}); here the
 * shipped models' own tokenizers and templates show it is one: for every problem of the evaluation set, under
 * every TLDR level instruction, as a conversation, and for hostile text (multi-byte, emoji, one long line),
 * the real prompt never takes more tokens than the bound reserves.
 */
class PromptBoundHoldsTest {

    private static final PromptBound BOUND = PromptBound.defaults();

    @Test
    void theBoundShouldCoverEveryRealPromptOfTheShippedModels() throws Exception {
        Path tiny = TestModels.tinyReasoner();
        List<String> problems = new ArrayList<>();
        for (String line : Files.readAllLines(tiny.resolve("eval.jsonl"))) {
            JsonNode item = Json.forServices().readTree(line);
            problems.add(item.get("problem").asText());
        }
        problems.add("Berechne 478 + 356, ähnlich wie 3² = 9 … und ≠ 10.");
        problems.add("Compute 1 + 1 🧮🧮🧮 please.");
        problems.add("Compute " + "12 + ".repeat(60) + "1.");
        problems.add("x");

        Map<String, Long> worstSlack = new HashMap<>();
        for (Path dir : List.of(tiny, tiny.resolveSibling("tiny-reasoner-tldr"))) {
            if (!Files.isRegularFile(dir.resolve("reasoner.json"))) {
                continue;
            }
            ReasonerDescriptor model = ReasonerDescriptor.read(dir.resolve("reasoner.json"));
            List<String> instructions = new ArrayList<>();
            instructions.add(null);
            if (model.levels() != null) {
                instructions.addAll(model.levels().values());
            }
            try (ReasonerTokenizer tokenizer = ReasonerTokenizer.load(dir.resolve(model.tokenizerFile()))) {
                for (String problem : problems) {
                    ProblemRequest asProblem = request(problem, null);
                    List<ChatMessage> chat = List.of(new ChatMessage("user", "Compute 2 + 2."),
                            new ChatMessage("assistant", "Final Answer: \\boxed{4}"), new ChatMessage("user", problem));
                    ProblemRequest asChat = request(problem, chat);
                    for (String instruction : instructions) {
                        check(model.name(), problem, tokenizer.encode(model.prompt(problem, instruction)).length,
                                BOUND.of(asProblem), worstSlack);
                        check(model.name() + " chat", problem, tokenizer.encode(model.prompt(chat, instruction)).length,
                                BOUND.of(asChat), worstSlack);
                    }
                }
            }
        }
        System.out.println("PromptBoundHoldsTest: least room left between bound and real prompt, per model: " + worstSlack);
    }

    private static void check(String what, String problem, int actual, long bound, Map<String, Long> worstSlack) {
        assertTrue(actual <= bound, what + ": the prompt of '" + problem + "' takes " + actual
                + " tokens, more than the " + bound + " reserved");
        worstSlack.merge(what, bound - actual, Math::min);
    }

    private static ProblemRequest request(String problem, List<ChatMessage> messages) {
        return new ProblemRequest(ProblemRequest.SCHEMA_VERSION, "r", null, "t", null, null, problem, 96, Method.TS,
                null, null, null, null, 0, null, Instant.EPOCH, messages, null, null, null);
    }
}
