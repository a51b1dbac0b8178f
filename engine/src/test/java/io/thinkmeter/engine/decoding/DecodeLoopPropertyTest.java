package io.thinkmeter.engine.decoding;

import static io.thinkmeter.engine.decoding.Vocab.*;
import static org.junit.jupiter.api.Assertions.*;

import io.thinkmeter.contracts.Method;
import io.thinkmeter.contracts.StopReason;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Random requests through DecodePlan and TokenLedger with a fake model, under the loop rule "stop
 * when end-of-sequence is accepted or the ledger has spent the budget".
 */
class DecodeLoopPropertyTest {

    private record Run(List<Integer> tokens, List<Boolean> injected, TokenLedger ledger, DecodePlan plan) {}

    /** Random logits; during thinking end-of-sequence is rare, so most runs meet the cap or think-end. */
    private static float[] fakeModel(Random random, TokenLedger ledger) {
        float[] logits = new float[SIZE];
        for (int i = 0; i < SIZE; i++) {
            logits[i] = (float) (random.nextGaussian() * 1.5);
        }
        if (ledger.phase() == TokenLedger.Phase.THINKING) {
            logits[EOS] -= 3;
        } else {
            logits[THINK_END] -= 3;
        }
        return logits;
    }

    private static Run decode(DecodeSettings settings, SpecialTokens tokens, Random model) {
        DecodePlan plan = DecodePlan.forRequest(settings, tokens);
        TokenLedger ledger = new TokenLedger(tokens);
        List<Integer> out = new ArrayList<>();
        List<Boolean> injected = new ArrayList<>();
        while (!ledger.finished() && ledger.generatedTokens() < settings.budget()) {
            float[] logits = fakeModel(model, ledger);
            plan.chain().apply(logits);
            int picked = plan.picker().pick(logits);
            int token = plan.chain().replace(picked);
            boolean forced = plan.chain().forcing() || token != picked;
            plan.chain().accept(token);
            ledger.accept(token, forced);
            out.add(token);
            injected.add(forced);
        }
        return new Run(out, injected, ledger, plan);
    }

    @Test
    void shouldNeverExceedTheBudgetAndAlwaysInjectTheWholeForcedAnswer() {
        Random random = new Random(20240601);
        Method[] methods = Method.values();
        int forcedRuns = 0;
        int waitRuns = 0;
        int naturalRuns = 0;
        for (int trial = 0; trial < 4000; trial++) {
            Method method = methods[random.nextInt(methods.length)];
            int minBudget = method == Method.NONE ? 1 : FORCED_ANSWER.length + 1;
            int budget = minBudget + random.nextInt(60);
            int reserve = random.nextInt(budget);
            double tau = Math.exp(random.nextGaussian());
            int minThinking = random.nextBoolean() ? 0 : random.nextInt(40);
            int maxWaits = random.nextInt(4);
            Sampling sampling = random.nextBoolean()
                    ? Sampling.greedy()
                    : new Sampling(0.3 + random.nextDouble(), random.nextInt(5), 0.5 + random.nextDouble() / 2,
                            random.nextLong());
            SpecialTokens tokens = random.nextBoolean() ? tokens() : tokensWithTwoTokenWait();
            DecodeSettings settings =
                    new DecodeSettings(method, budget, reserve, tau, minThinking, maxWaits, sampling);
            String where = "trial " + trial + ": " + settings;

            Run run = decode(settings, tokens, new Random(random.nextLong()));
            TokenLedger ledger = run.ledger();

            assertTrue(ledger.generatedTokens() <= budget, where);
            assertEquals(run.tokens().size(), ledger.generatedTokens(), where);
            assertEquals(run.injected().stream().filter(b -> b).count(), ledger.injectedTokens(), where);

            BudgetForcing bf = run.plan().chain().find(BudgetForcing.class);
            if (method == Method.NONE) {
                assertNull(bf, where);
                assertEquals(0, ledger.injectedTokens(), "no forcing without a method: " + where);
            } else {
                assertNotNull(bf, where);
                assertTrue(ledger.thinkingTokens() <= run.plan().thinkingCap(), "thinking within the cap: " + where);
                assertEquals(ledger.thinkingTokens(), bf.thinkingTokens(), "ledger and forcing agree: " + where);
                assertTrue(bf.waitsInjected() <= (method == Method.BUDGET_FORCING ? maxWaits : 0), where);
                if (bf.waitsInjected() > 0) {
                    waitRuns++;
                }
            }

            if (ledger.answerForced()) {
                forcedRuns++;
                int start = run.tokens().indexOf(THINK_END);
                assertTrue(run.injected().get(start), where);
                assertTrue(start + FORCED_ANSWER.length <= run.tokens().size(),
                        "forced answer complete within the budget: " + where);
                for (int i = 0; i < FORCED_ANSWER.length; i++) {
                    assertEquals(FORCED_ANSWER[i], run.tokens().get(start + i), "forced token " + i + ": " + where);
                    assertTrue(run.injected().get(start + i), "forced token " + i + " injected: " + where);
                }
                assertTrue(bf.forcedAtCap(), where);
                assertEquals(run.plan().thinkingCap(), ledger.thinkingTokens(), "forced exactly at the cap: " + where);
            } else if (bf != null && bf.forcedAtCap()) {
                // The cap was reached by the very token that ended the sequence.
                assertTrue(ledger.finished(), where);
                assertEquals(EOS, run.tokens().get(run.tokens().size() - 1), where);
            }

            boolean budgetExhausted = ledger.generatedTokens() == budget;
            StopReason reason = ledger.stopReason(budgetExhausted);
            if (ledger.finished()) {
                assertEquals(ledger.answerForced() ? StopReason.FORCED_AT_CAP : StopReason.NATURAL, reason, where);
                if (reason == StopReason.NATURAL) {
                    naturalRuns++;
                }
            } else {
                assertTrue(budgetExhausted, where);
                assertEquals(StopReason.MAX_TOKENS, reason, where);
            }
        }
        assertTrue(forcedRuns > 100, "forced runs exercised: " + forcedRuns);
        assertTrue(waitRuns > 50, "wait runs exercised: " + waitRuns);
        assertTrue(naturalRuns > 100, "natural runs exercised: " + naturalRuns);
    }

    @Test
    void shouldDecodeTheSameTokensForTheSameSeed() {
        DecodeSettings settings =
                new DecodeSettings(Method.TS, 40, 8, 1.7, 0, 0, new Sampling(0.8, 4, 0.95, 99));
        Run a = decode(settings, tokens(), new Random(5));
        Run b = decode(settings, tokens(), new Random(5));
        assertEquals(a.tokens(), b.tokens());
    }
}
