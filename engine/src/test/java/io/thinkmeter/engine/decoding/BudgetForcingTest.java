package io.thinkmeter.engine.decoding;

import static io.thinkmeter.engine.decoding.Vocab.*;
import static org.junit.jupiter.api.Assertions.*;

import io.thinkmeter.engine.decoding.BudgetForcing.State;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class BudgetForcingTest {

    /** One loop step with greedy picking: returns the token kept (after replace), and accepts it. */
    private static int step(BudgetForcing bf, float[] logits) {
        bf.apply(logits);
        int token = bf.replace(new GreedyPicker().pick(logits));
        bf.accept(token);
        return token;
    }

    @Test
    void shouldForceAnswerAtThinkingCap() {
        BudgetForcing bf = new BudgetForcing(3, tokens());
        for (int i = 0; i < 3; i++) {
            assertEquals(State.THINKING, bf.state());
            float[] logits = favouring(WORD);
            bf.apply(logits);
            assertFalse(bf.forcing(), "no forcing before the cap, step " + i);
            assertArrayEquals(favouring(WORD), logits, "logits untouched before the cap");
            bf.accept(WORD);
        }
        assertEquals(3, bf.thinkingTokens());
        assertEquals(State.FORCING_ANSWER, bf.state());
        assertTrue(bf.forcedAtCap());

        for (int i = 0; i < FORCED_ANSWER.length; i++) {
            float[] logits = favouring(EOS);
            bf.apply(logits);
            assertTrue(bf.forcing());
            assertEquals(FORCED_ANSWER[i], onlyCandidate(logits), "forced token " + i);
            assertEquals(0f, logits[FORCED_ANSWER[i]]);
            bf.accept(FORCED_ANSWER[i]);
        }
        assertEquals(State.ANSWERING, bf.state());
        assertEquals(3, bf.thinkingTokens(), "forced answer tokens are not thinking tokens");

        float[] logits = favouring(WORD);
        bf.apply(logits);
        assertFalse(bf.forcing());
        assertArrayEquals(favouring(WORD), logits, "answer phase leaves logits alone");
    }

    @Test
    void shouldForceEvenWhenModelPrefersThinkEndAtCap() {
        BudgetForcing bf = new BudgetForcing(1, tokens());
        step(bf, favouring(WORD));
        float[] logits = favouring(THINK_END);
        bf.apply(logits);
        assertTrue(bf.forcing(), "think-end at the cap is the forced answer's first token, counted as injected");
    }

    @Test
    void shouldForceAtOnceWhenCapIsZero() {
        BudgetForcing bf = new BudgetForcing(0, tokens());
        assertEquals(State.FORCING_ANSWER, bf.state());
        assertTrue(bf.forcedAtCap());
        int[] out = new int[FORCED_ANSWER.length];
        for (int i = 0; i < out.length; i++) {
            out[i] = step(bf, favouring(WORD));
        }
        assertArrayEquals(FORCED_ANSWER, out);
        assertEquals(State.ANSWERING, bf.state());
        assertEquals(0, bf.thinkingTokens());
    }

    @Test
    void shouldEndThinkingNaturallyOnThinkEndBeforeCap() {
        BudgetForcing bf = new BudgetForcing(10, tokens());
        step(bf, favouring(WORD));
        step(bf, favouring(WORD));
        assertEquals(THINK_END, step(bf, favouring(THINK_END)));
        assertEquals(State.ANSWERING, bf.state());
        assertEquals(2, bf.thinkingTokens(), "the natural think-end is not a thinking token");
        assertFalse(bf.forcedAtCap());
        for (int i = 0; i < 20; i++) {
            float[] logits = favouring(WORD);
            bf.apply(logits);
            assertFalse(bf.forcing());
            bf.accept(WORD);
        }
        assertEquals(State.ANSWERING, bf.state());
    }

    @Test
    void shouldNotChangeAnythingWhenApplyIsRepeatedWithoutAccept() {
        BudgetForcing bf = new BudgetForcing(5, tokens(), 4, 2);
        step(bf, favouring(WORD));
        for (int round = 0; round < 3; round++) {
            float[] logits = favouring(THINK_END);
            bf.apply(logits);
            assertEquals(WAIT, bf.replace(THINK_END), "repeat " + round);
            assertEquals(State.THINKING, bf.state());
            assertEquals(1, bf.thinkingTokens());
            assertEquals(0, bf.waitsInjected());
        }
        BudgetForcing atCap = new BudgetForcing(0, tokens());
        for (int round = 0; round < 3; round++) {
            float[] logits = favouring(WORD);
            atCap.apply(logits);
            assertEquals(THINK_END, onlyCandidate(logits), "still the first forced token on repeat " + round);
        }
    }

    @Test
    void shouldInjectWaitWhenModelTriesToStopBeforeMinThinking() {
        BudgetForcing bf = new BudgetForcing(20, tokens(), 5, 3);
        step(bf, favouring(WORD));
        float[] logits = favouring(THINK_END);
        bf.apply(logits);
        assertFalse(bf.forcing(), "nothing is forced before the model has generated think-end");
        assertArrayEquals(favouring(THINK_END), logits, "the logits are left alone: sampling sees the model");
        assertEquals(WAIT, bf.replace(THINK_END), "the generated think-end becomes the wait");
        bf.accept(WAIT);
        assertEquals(1, bf.waitsInjected());
        assertEquals(2, bf.thinkingTokens(), "the injected wait counts as thinking");
        assertEquals(State.THINKING, bf.state(), "a one-token wait is done at once");
        assertFalse(bf.forcedAtCap());
    }

    @Test
    void shouldReplaceASampledThinkEndThatWasNotTheArgmax() {
        // s1: every think-end the model generates before the minimum is replaced, however it was chosen.
        BudgetForcing bf = new BudgetForcing(100, tokens(), 50, 10);
        float[] logits = uniform();
        logits[THINK_END] = 2f;
        logits[WORD] = 5f;
        bf.apply(logits);
        assertEquals(WAIT, bf.replace(THINK_END), "think-end drawn by sampling, far from the argmax");
        bf.accept(WAIT);
        assertEquals(1, bf.waitsInjected());
        assertEquals(State.THINKING, bf.state());
        bf.apply(logits);
        assertEquals(WORD, bf.replace(WORD), "other tokens pass through");
    }

    @Test
    void shouldInjectMultiTokenWaitOneTokenPerStep() {
        BudgetForcing bf = new BudgetForcing(20, tokensWithTwoTokenWait(), 5, 3);
        assertEquals(WAIT, step(bf, favouring(THINK_END)));
        assertEquals(State.INJECTING_WAIT, bf.state());
        float[] logits = favouring(THINK_END);
        bf.apply(logits);
        assertTrue(bf.forcing());
        assertEquals(WORD, onlyCandidate(logits));
        bf.accept(WORD);
        assertEquals(State.THINKING, bf.state());
        assertEquals(2, bf.thinkingTokens());
        assertEquals(1, bf.waitsInjected());
    }

    @Test
    void shouldInjectWaitAtMostMaxWaitsTimes() {
        BudgetForcing bf = new BudgetForcing(100, tokens(), 50, 2);
        assertEquals(WAIT, step(bf, favouring(THINK_END)));
        assertEquals(WORD, step(bf, favouring(WORD)));
        assertEquals(WAIT, step(bf, favouring(THINK_END)));
        assertEquals(2, bf.waitsInjected());
        assertEquals(THINK_END, bf.replace(THINK_END), "no third wait");
        bf.accept(THINK_END);
        assertEquals(State.ANSWERING, bf.state());
        assertEquals(3, bf.thinkingTokens());
    }

    @Test
    void shouldStopInjectingWaitOnceMinThinkingIsReached() {
        BudgetForcing bf = new BudgetForcing(100, tokens(), 3, 10);
        step(bf, favouring(WORD));
        step(bf, favouring(WORD));
        assertEquals(WAIT, step(bf, favouring(THINK_END)), "2 < 3 thinking tokens: wait");
        assertEquals(3, bf.thinkingTokens());
        assertEquals(THINK_END, step(bf, favouring(THINK_END)), "3 thinking tokens reached: stop allowed");
        assertEquals(State.ANSWERING, bf.state());
    }

    @Test
    void shouldNotStartWaitThatCannotFinishBeforeCap() {
        BudgetForcing bf = new BudgetForcing(4, tokensWithTwoTokenWait(), 10, 5);
        step(bf, favouring(WORD));
        assertEquals(WAIT, step(bf, favouring(THINK_END)), "1 + 2 < 4: the wait fits");
        assertEquals(State.INJECTING_WAIT, bf.state());
        step(bf, favouring(THINK_END));
        assertEquals(3, bf.thinkingTokens());
        BudgetForcing late = new BudgetForcing(4, tokensWithTwoTokenWait(), 10, 5);
        step(late, favouring(WORD));
        step(late, favouring(WORD));
        assertEquals(THINK_END, late.replace(THINK_END), "2 + 2 = cap: a wait would be cut off by the forced answer");
        late.accept(THINK_END);
        bf = late;
        assertEquals(State.ANSWERING, bf.state());
    }

    @Test
    void shouldCountInjectedWaitsTowardsTheCap() {
        BudgetForcing bf = new BudgetForcing(3, tokens(), 10, 5);
        assertEquals(WAIT, step(bf, favouring(THINK_END)));
        step(bf, favouring(WORD));
        assertEquals(2, bf.thinkingTokens());
        assertEquals(THINK_END, bf.replace(THINK_END), "2 + 1 is not below the cap of 3: no wait");
        step(bf, favouring(WORD));
        assertEquals(State.FORCING_ANSWER, bf.state());
        assertTrue(bf.forcedAtCap());
    }

    @Test
    void shouldKeepStateInCopyAndStayIndependent() {
        BudgetForcing original = new BudgetForcing(2, tokens());
        step(original, favouring(WORD));
        step(original, favouring(WORD));
        step(original, favouring(WORD)); // first forced token
        BudgetForcing copy = (BudgetForcing) original.copy();
        assertEquals(State.FORCING_ANSWER, copy.state());
        assertEquals(2, copy.thinkingTokens());
        assertTrue(copy.forcedAtCap());

        float[] logits = favouring(WORD);
        copy.apply(logits);
        assertEquals(NEWLINE, onlyCandidate(logits), "the copy resumes at the second forced token");
        copy.accept(NEWLINE);
        copy.apply(favouring(WORD));
        copy.accept(FINAL_ANSWER);
        assertEquals(State.ANSWERING, copy.state());

        assertEquals(State.FORCING_ANSWER, original.state(), "advancing the copy leaves the original alone");
        logits = favouring(WORD);
        original.apply(logits);
        assertEquals(NEWLINE, onlyCandidate(logits));
    }

    @Test
    void shouldKeepWaitProgressInCopy() {
        BudgetForcing original = new BudgetForcing(20, tokensWithTwoTokenWait(), 5, 3);
        step(original, favouring(THINK_END));
        BudgetForcing copy = (BudgetForcing) original.copy();
        assertEquals(State.INJECTING_WAIT, copy.state());
        assertEquals(1, copy.waitsInjected());
        float[] logits = favouring(EOS);
        copy.apply(logits);
        assertEquals(WORD, onlyCandidate(logits));
    }

    @Test
    void shouldRejectTokenOtherThanTheForcedOne() {
        BudgetForcing bf = new BudgetForcing(0, tokens());
        bf.apply(uniform());
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> bf.accept(WORD));
        assertTrue(e.getMessage().contains("expected forced answer token 1"), e.getMessage());
    }

    @Test
    void shouldRejectInvalidConstructorArguments() {
        assertMessage("thinking cap must be >= 0, got -1", () -> new BudgetForcing(-1, tokens()));
        assertMessage("minThinking must be >= 0, got -2", () -> new BudgetForcing(5, tokens(), -2, 1));
        assertMessage("maxWaits must be >= 0, got -3", () -> new BudgetForcing(5, tokens(), 1, -3));
        SpecialTokens noThinkEndFirst = new SpecialTokens(THINK_END, EOS, new int[] {NEWLINE, THINK_END},
                new int[] {THINK_END}, new int[] {WAIT});
        assertMessage("forced answer must begin with think-end token 1, got [2, 1]",
                () -> new BudgetForcing(5, noThinkEndFirst));
        SpecialTokens noWait = new SpecialTokens(THINK_END, EOS, FORCED_ANSWER, new int[] {THINK_END}, new int[0]);
        assertDoesNotThrow(() -> new BudgetForcing(5, noWait), "waits off: no wait tokens needed");
        assertThrows(IllegalArgumentException.class, () -> new BudgetForcing(5, noWait, 3, 1));
    }

    static void assertMessage(String expected, org.junit.jupiter.api.function.Executable call) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, call);
        assertEquals(expected, e.getMessage());
    }

    @Test
    void shouldForceExactlyTheForcedAnswerInOrder() {
        BudgetForcing bf = new BudgetForcing(2, tokens());
        int[] out = new int[7];
        for (int i = 0; i < out.length; i++) {
            out[i] = step(bf, favouring(i % 2 == 0 ? WORD : NEWLINE));
        }
        assertArrayEquals(new int[] {WORD, NEWLINE, THINK_END, NEWLINE, FINAL_ANSWER, NEWLINE, WORD}, out,
                Arrays.toString(out));
    }
}
