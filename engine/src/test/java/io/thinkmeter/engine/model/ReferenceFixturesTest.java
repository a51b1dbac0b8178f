package io.thinkmeter.engine.model;

import io.thinkmeter.engine.ReasonerModel;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.thinkmeter.engine.TinyModel;
import io.thinkmeter.engine.runtime.DecoderRuntime;
import io.thinkmeter.engine.runtime.KvCache;
import io.thinkmeter.engine.runtime.StepOutput;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** The exported model and tokenizer, run from Java, reproduce what the PyTorch model computed. */
class ReferenceFixturesTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static ReasonerModel model;
    private static Path dir;

    @BeforeAll
    static void open() {
        dir = TinyModel.directory();
        model = TinyModel.shared();
    }

    private static List<JsonNode> lines(String file) throws IOException {
        List<JsonNode> out = new ArrayList<>();
        for (String line : Files.readAllLines(dir.resolve("fixtures").resolve(file))) {
            if (!line.isBlank()) {
                out.add(JSON.readTree(line));
            }
        }
        return out;
    }

    private static int[] ints(JsonNode array) {
        int[] out = new int[array.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = array.get(i).asInt();
        }
        return out;
    }

    @Test
    void tokenizerShouldEncodeExactlyAsTheModelLab() throws IOException {
        List<JsonNode> cases = lines("tokenizer.jsonl");
        for (JsonNode c : cases) {
            assertArrayEquals(ints(c.get("ids")), model.tokenizer().encode(c.get("text").asText()),
                    () -> "encoding of " + c.get("text"));
        }
        assertEquals(300, cases.size());
    }

    @Test
    void greedyDecodingShouldReproduceReferenceTokensAndLogits() throws IOException {
        List<JsonNode> fixtures = lines("greedy.jsonl");
        for (JsonNode f : fixtures) {
            int[] prompt = model.tokenizer().encode(f.get("prompt").asText());
            assertArrayEquals(ints(f.get("prompt_ids")), prompt, "prompt ids");
            int[] expected = ints(f.get("greedy_ids"));
            List<float[]> logits = new ArrayList<>();
            int[] generated = greedy(model.runtime(), prompt, expected.length, logits);
            assertArrayEquals(expected, generated, () -> "greedy continuation of " + f.get("problem"));
            JsonNode top5 = f.get("top5_logits");
            for (int step = 0; step < top5.size(); step++) {
                for (JsonNode pair : top5.get(step)) {
                    float reference = (float) pair.get(1).asDouble();
                    float actual = logits.get(step)[pair.get(0).asInt()];
                    assertEquals(reference, actual, 1e-3f, "logit at step " + step + " of " + f.get("problem"));
                }
            }
        }
    }

    /** A plain batch-1 greedy loop on the runtime alone, so this test checks only the export. */
    static int[] greedy(DecoderRuntime runtime, int[] prompt, int steps, List<float[]> logitsOut) {
        long[] ids = new long[prompt.length];
        long[] positions = new long[prompt.length];
        for (int i = 0; i < prompt.length; i++) {
            ids[i] = prompt[i];
            positions[i] = i;
        }
        long[] mask = ones(prompt.length);
        StepOutput out = runtime.forward(1, prompt.length, ids, positions, mask, null);
        int[] generated = new int[steps];
        for (int s = 0; s < steps; s++) {
            float[] logits = out.rowLogits(0);
            logitsOut.add(logits);
            generated[s] = argmax(logits);
            if (s + 1 == steps) {
                break;
            }
            KvCache past = out.present();
            out = runtime.forward(1, 1, new long[] {generated[s]}, new long[] {prompt.length + s},
                    ones(past.length() + 1), past);
            past.close();
        }
        out.present().close();
        return generated;
    }

    static long[] ones(int n) {
        long[] m = new long[n];
        java.util.Arrays.fill(m, 1);
        return m;
    }

    static int argmax(float[] v) {
        int best = 0;
        for (int i = 1; i < v.length; i++) {
            if (v[i] > v[best]) {
                best = i;
            }
        }
        return best;
    }
}
