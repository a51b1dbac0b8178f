package io.thinkmeter.engine;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.thinkmeter.contracts.Level;
import io.thinkmeter.contracts.Method;
import io.thinkmeter.contracts.StopReason;
import io.thinkmeter.engine.TinyModel;
import io.thinkmeter.engine.decoding.DecodeSettings;
import io.thinkmeter.engine.decoding.Sampling;
import io.thinkmeter.engine.ReasonerModel;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Random;

/** The decoding engine on the real tiny model: batching, budgets, forcing and stop temperature. */
class DecodingEngineTest {

    private static ReasonerModel model;
    private static Path dir;

    @BeforeAll
    static void open() {
        dir = TinyModel.directory();
        model = TinyModel.shared();
    }

    static DecodeSettings greedy(Method method, int budget, double tau) {
        return new DecodeSettings(method, budget, 16, tau, 0, 0, Sampling.greedy());
    }

    static List<DecodeResult> decode(List<DecodeRequest> requests, int maxBatch) {
        try (BatchDecoder decoder = new BatchDecoder(model, maxBatch)) {
            requests.forEach(decoder::submit);
            List<DecodeResult> results = new ArrayList<>(decoder.drain());
            results.sort(Comparator.comparing(r -> Integer.parseInt(r.id())));
            return results;
        }
    }

    static List<DecodeRequest> requests(List<JsonNode> problems, DecodeSettings settings) {
        List<DecodeRequest> out = new ArrayList<>();
        for (int i = 0; i < problems.size(); i++) {
            out.add(new DecodeRequest(Integer.toString(i), problems.get(i).get("problem").asText(), null, settings));
        }
        return out;
    }

    @Test
    void batchedGreedyShouldEqualSingleGreedy() throws IOException {
        List<DecodeRequest> reqs = requests(EvalSet.spread(dir, 24), greedy(Method.NONE, 300, 1));
        List<DecodeResult> single = new ArrayList<>();
        for (DecodeRequest r : reqs) {
            single.addAll(decode(List.of(r), 1));
        }
        // batch 5 forces joins and leaves mid-flight (continuous batching); 32 holds all at once
        for (int maxBatch : new int[] {5, 32}) {
            List<DecodeResult> batched = decode(reqs, maxBatch);
            for (int i = 0; i < reqs.size(); i++) {
                assertArrayEquals(single.get(i).generatedIds(), batched.get(i).generatedIds(),
                        "request " + i + " at max batch " + maxBatch);
            }
        }
    }

    @Test
    void generatedTokensShouldNeverExceedTheBudgetAcrossARandomSweep() throws IOException {
        List<JsonNode> problems = EvalSet.spread(dir, 60);
        Random random = new Random(42);
        Method[] methods = {Method.NONE, Method.BUDGET_FORCING, Method.TS};
        double[] taus = {0.5, 1, 2, 4, 8};
        int minBudget = model.specialTokens().forcedAnswer().length + 1;
        List<DecodeRequest> reqs = new ArrayList<>();
        for (int i = 0; i < problems.size(); i++) {
            int budget = minBudget + random.nextInt(200);
            int reserve = 1 + random.nextInt(Math.max(1, Math.min(24, budget - 1)));
            boolean sample = random.nextBoolean();
            Sampling sampling = sample ? new Sampling(0.7 + random.nextDouble(), random.nextInt(20), 0.9, i)
                    : Sampling.greedy();
            DecodeSettings s = new DecodeSettings(methods[random.nextInt(methods.length)], budget, reserve,
                    taus[random.nextInt(taus.length)], random.nextInt(3) == 0 ? random.nextInt(60) : 0,
                    random.nextInt(3), sampling);
            reqs.add(new DecodeRequest(Integer.toString(i), problems.get(i).get("problem").asText(), null, s));
        }
        List<DecodeResult> results = decode(reqs, 16);
        assertEquals(reqs.size(), results.size());
        for (int i = 0; i < results.size(); i++) {
            DecodeResult r = results.get(i);
            int budget = reqs.get(i).settings().budget();
            String where = "request " + i + " " + reqs.get(i).settings();
            assertTrue(r.generatedTokens() <= budget, where + ": generated " + r.generatedTokens());
            assertEquals(r.generatedIds().length, r.generatedTokens(), where);
            assertEquals(r.generatedTokens(), r.thinkingTokens() + r.answerTokens(), where);
            assertTrue(r.injectedTokens() <= r.generatedTokens(), where);
            if (r.stopReason() == StopReason.MAX_TOKENS) {
                assertEquals(budget, r.generatedTokens(), where);
            }
        }
    }

    @Test
    void budgetForcingShouldInjectExactlyTheThinkEndAndAnswerPrefix() {
        // The 4-digit additions think for 60+ tokens; a budget of 40 with reserve 16 caps thinking early.
        String problem = "Compute 4584 + 8530.";
        int[] forced = model.specialTokens().forcedAnswer();
        DecodeSettings s = new DecodeSettings(Method.BUDGET_FORCING, 40, 16, 1, 0, 0, Sampling.greedy());
        DecodeResult r = decode(List.of(new DecodeRequest("0", problem, null, s)), 1).get(0);
        int cap = 40 - 16 - forced.length;
        assertEquals(StopReason.FORCED_AT_CAP, r.stopReason());
        assertEquals(cap, r.thinkingTokens());
        assertArrayEquals(forced, Arrays.copyOfRange(r.generatedIds(), cap, cap + forced.length));
        assertEquals(forced.length, r.injectedTokens());
        assertEquals("</think>\nFinal Answer:", model.tokenizer().decode(forced, false));
        assertTrue(r.generatedTokens() <= 40);
    }

    @Test
    void minimumThinkingShouldReplaceEarlyStopsWithWait() {
        String problem = "Solve for x: x + 13 = 29.";
        int[] wait = model.specialTokens().waitTokens();
        DecodeSettings plain = new DecodeSettings(Method.BUDGET_FORCING, 200, 16, 1, 0, 0, Sampling.greedy());
        DecodeSettings forcedLonger = new DecodeSettings(Method.BUDGET_FORCING, 200, 16, 1, 150, 2,
                Sampling.greedy());
        DecodeResult natural = decode(List.of(new DecodeRequest("0", problem, null, plain)), 1).get(0);
        DecodeResult longer = decode(List.of(new DecodeRequest("0", problem, null, forcedLonger)), 1).get(0);
        assertEquals(0, natural.injectedTokens());
        assertEquals(2 * wait.length, longer.injectedTokens(), longer.thinking());
        assertTrue(longer.thinkingTokens() > natural.thinkingTokens());
        assertTrue(longer.thinking().contains("Wait"), longer.thinking());
    }

    /**
     * s1's minimum under sampling: a think-end drawn at temperature 1 before the minimum is replaced by
     * "Wait" as an argmax one is (issue 16 saw --min-thinking 150 --temperature 1 end after 77-125
     * tokens with no Wait when only the argmax counted as an attempt to stop).
     */
    @Test
    void minimumThinkingShouldHoldUnderSampling() throws IOException {
        int minimum = 150;
        List<JsonNode> problems = EvalSet.first(dir, 24);
        List<DecodeRequest> requests = new ArrayList<>();
        for (int i = 0; i < problems.size(); i++) {
            DecodeSettings settings = new DecodeSettings(Method.BUDGET_FORCING, 400, 16, 1, minimum,
                    RequestMapper.waitsFor(minimum), new Sampling(1.0, 0, 1.0, 500L + i));
            requests.add(new DecodeRequest(Integer.toString(i), problems.get(i).get("problem").asText(), null, settings));
        }
        for (DecodeResult r : decode(requests, 8)) {
            assertTrue(r.thinkingTokens() >= minimum, "thinking " + r.thinkingTokens() + " < " + minimum + ": "
                    + r.thinking());
            assertTrue(r.injectedTokens() > 0 && r.thinking().contains("Wait"), r.thinking());
        }
    }

    /**
     * Sampling (temperature 1, seeded, so the run repeats): p' = p^(1/tau) rises with tau at every
     * thinking step, so mean thinking falls strictly from tau 1 to 2 to 4.
     */
    @Test
    void meanThinkingShouldFallAsStopTemperatureRises() throws IOException {
        assertStrictlyFalling(meanThinking(new Sampling(1.0, 0, 1.0, 99)));
    }

    /**
     * Greedy: tau 2 already turns every first chance to stop (p about 0.3 to 0.6, so p' above 0.5)
     * into a stop, and before the answer is stated p is far too small for tau 4 to matter, so greedy
     * thinking falls from tau 1 to 2 and then stays.
     */
    @Test
    void greedyThinkingShouldFallThenPlateauAtTheFirstChanceToStop() throws IOException {
        double[] means = meanThinking(Sampling.greedy());
        assertTrue(means[1] < means[0], "tau 2 must stop sooner than tau 1: " + Arrays.toString(means));
        assertTrue(means[2] <= means[1], "tau 4 must not think longer than tau 2: " + Arrays.toString(means));
    }

    private static double[] meanThinking(Sampling sampling) throws IOException {
        List<JsonNode> problems = EvalSet.first(dir, 200);
        double[] taus = {1, 2, 4};
        double[] means = new double[taus.length];
        for (int t = 0; t < taus.length; t++) {
            DecodeSettings s = new DecodeSettings(Method.TS, 300, 16, taus[t], 0, 0, sampling);
            means[t] = decode(requests(problems, s), 32).stream().mapToInt(DecodeResult::thinkingTokens)
                    .average().orElseThrow();
        }
        return means;
    }

    private static void assertStrictlyFalling(double[] means) {
        for (int t = 1; t < means.length; t++) {
            assertTrue(means[t] < means[t - 1], "mean thinking tokens for tau 1, 2, 4 must fall: "
                    + Arrays.toString(means));
        }
    }

    @Test
    void aSeededSampledRunShouldRepeatExactly() throws IOException {
        List<JsonNode> problems = EvalSet.spread(dir, 8);
        DecodeSettings seeded = new DecodeSettings(Method.TS, 200, 16, 2, 0, 0, new Sampling(1.0, 0, 0.95, 1234));
        List<DecodeResult> first = decode(requests(problems, seeded), 8);
        List<DecodeResult> again = decode(requests(problems, seeded), 3);
        for (int i = 0; i < problems.size(); i++) {
            assertArrayEquals(first.get(i).generatedIds(), again.get(i).generatedIds(), "request " + i);
        }
    }

    @Test
    void requestsBeyondTheContextShouldBeRefusedWithAReason() {
        DecodeSettings s = greedy(Method.NONE, 600, 1);
        try (BatchDecoder decoder = new BatchDecoder(model, 1)) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> decoder.submit(new DecodeRequest("x", "Compute 1 + 2.", null, s)));
            assertTrue(e.getMessage().contains("exceeds the model's context of 512"), e.getMessage());
            e = assertThrows(IllegalArgumentException.class,
                    () -> decoder.submit(new DecodeRequest("y", "Compute 1 + 2.", Level.SHORT,
                            new DecodeSettings(Method.TLDR, 100, 16, 1, 0, 0, Sampling.greedy()))));
            assertTrue(e.getMessage().contains("has no TLDR levels"), e.getMessage());
        }
    }
}
