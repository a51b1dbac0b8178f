package io.thinkmeter.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.thinkmeter.contracts.Level;
import io.thinkmeter.contracts.Method;
import io.thinkmeter.engine.TinyModel;
import io.thinkmeter.engine.decoding.DecodeSettings;
import io.thinkmeter.engine.decoding.Sampling;
import io.thinkmeter.engine.ReasonerModel;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.nio.file.Files;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Method tldr on the TLDR model, everything else on the main model, each in its own batch. */
class RoutedDecoderTest {

    private static DecodeSettings greedy(Method m, int budget) {
        return new DecodeSettings(m, budget, 16, 1, 0, 0, Sampling.greedy());
    }

    @Test
    void shouldSendTldrToTheTldrModelAndTheRestToTheMainModel() {
        ReasonerModel main = TinyModel.shared();
        ReasonerModel tldr = TinyModel.sharedTldr();
        String problem = "Compute 478 + 356.";
        try (RoutedDecoder decoder = new RoutedDecoder(main, tldr, 4)) {
            assertSame(tldr, decoder.modelFor(Method.TLDR));
            assertSame(main, decoder.modelFor(Method.TS));
            decoder.submit(new DecodeRequest("plain", problem, null, greedy(Method.NONE, 192)));
            decoder.submit(new DecodeRequest("short", problem, Level.SHORT, greedy(Method.TLDR, 192)));
            decoder.submit(new DecodeRequest("long", problem, Level.LONG, greedy(Method.TLDR, 192)));
            Map<String, DecodeResult> byId = new HashMap<>();
            decoder.drain().forEach(r -> byId.put(r.id(), r));

            int plainPrompt = main.tokenizer().encode(main.descriptor().prompt(problem, null)).length;
            int shortPrompt = tldr.tokenizer().encode(tldr.descriptor().prompt(problem,
                    tldr.descriptor().levels().get("short"))).length;
            assertEquals(plainPrompt, byId.get("plain").promptTokens());
            assertEquals(shortPrompt, byId.get("short").promptTokens(), "the level instruction is in the prompt");
            for (DecodeResult r : byId.values()) {
                assertEquals("834", r.finalAnswer(), r.id() + ": " + r.thinking());
            }
            assertTrue(byId.get("short").thinkingTokens() < byId.get("long").thinkingTokens(),
                    "short " + byId.get("short").thinkingTokens() + " vs long " + byId.get("long").thinkingTokens());
        }
    }

    @Test
    void withoutATldrModelTheMainModelRefusesTldrWithAReason() {
        try (RoutedDecoder decoder = new RoutedDecoder(TinyModel.shared(), null, 2)) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> decoder.submit(
                    new DecodeRequest("x", "Compute 1 + 2.", Level.SHORT, greedy(Method.TLDR, 64))));
            assertTrue(e.getMessage().contains("has no TLDR levels"), e.getMessage());
        }
    }

    @Test
    void aTldrModelMustHaveLevels() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new RoutedDecoder(TinyModel.shared(), TinyModel.shared(), 2));
        assertTrue(e.getMessage().contains("has no levels"), e.getMessage());
    }

    /**
     * Java serves each TLDR model as the lab measured it: greedy thinking lengths and answers per level
     * equal the lab's PyTorch greedy rows (eval_greedy_LEVEL.jsonl) on a spread of eval problems. The
     * shipped model reads level instructions; the distilled one (issue 16, run 18) reads a think tag per level.
     */
    @ParameterizedTest(name = "{0}, level {1}")
    @CsvSource({"tiny-reasoner-tldr,short", "tiny-reasoner-tldr,medium", "tiny-reasoner-tldr,long",
            "tiny-reasoner-tldr-distilled,short", "tiny-reasoner-tldr-distilled,medium",
            "tiny-reasoner-tldr-distilled,long"})
    void greedyLevelsShouldMatchTheLabsReference(String model, String level) throws Exception {
        ReasonerModel tldr = TinyModel.sharedTldr(model);
        ObjectMapper json = new ObjectMapper();
        Map<String, JsonNode> reference = new HashMap<>();
        for (String line : Files.readAllLines(TinyModel.tldrDirectory(model).resolve("eval_greedy_" + level + ".jsonl"))) {
            JsonNode row = json.readTree(line);
            reference.put(row.get("problem").asText(), row);
        }
        List<JsonNode> problems = EvalSet.spread(TinyModel.tldrDirectory(model), 30);
        List<String> mismatches = new ArrayList<>();
        try (RoutedDecoder decoder = new RoutedDecoder(TinyModel.shared(), tldr, 30)) {
            for (int i = 0; i < problems.size(); i++) {
                decoder.submit(new DecodeRequest(Integer.toString(i), problems.get(i).get("problem").asText(), Level.fromWireName(level),
                        greedy(Method.TLDR, 400)));
            }
            for (DecodeResult r : decoder.drain()) {
                String problem = problems.get(Integer.parseInt(r.id())).get("problem").asText();
                JsonNode expected = reference.get(problem);
                if (expected.get("thinking_tokens").asInt() != r.thinkingTokens()
                        || !expected.get("predicted").asText("").equals(r.finalAnswer() == null ? "" : r.finalAnswer())) {
                    mismatches.add(problem + ": lab " + expected.get("thinking_tokens") + "/" + expected.get("predicted")
                            + ", java " + r.thinkingTokens() + "/" + r.finalAnswer());
                }
            }
        }
        // ONNX Runtime and PyTorch may break a near-tie differently once in a while; more is a bug.
        assertTrue(mismatches.size() <= 1, mismatches.toString());
    }
}
