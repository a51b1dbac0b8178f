package io.thinkmeter.engine.decoding;

import static io.thinkmeter.engine.decoding.Vocab.*;
import static org.junit.jupiter.api.Assertions.*;

import io.thinkmeter.contracts.StopReason;
import org.junit.jupiter.api.Test;

class TokenLedgerTest {

    private static void acceptAll(TokenLedger ledger, boolean injected, int... tokens) {
        for (int t : tokens) {
            ledger.accept(t, injected);
        }
    }

    @Test
    void shouldCountThinkEndAsTheFirstAnswerToken() {
        TokenLedger ledger = new TokenLedger(tokens());
        acceptAll(ledger, false, WORD, WORD, WORD);
        assertEquals(TokenLedger.Phase.THINKING, ledger.phase());
        ledger.accept(THINK_END, false);
        assertEquals(TokenLedger.Phase.ANSWER, ledger.phase());
        acceptAll(ledger, false, WORD, WORD, EOS);
        assertEquals(3, ledger.thinkingTokens());
        assertEquals(4, ledger.answerTokens());
        assertEquals(7, ledger.generatedTokens());
        assertEquals(0, ledger.injectedTokens());
        assertTrue(ledger.finished());
        assertFalse(ledger.forced());
        assertEquals(StopReason.NATURAL, ledger.stopReason(false));
    }

    @Test
    void shouldReportForcedAtCapWhenTheForcedAnswerWasInjected() {
        TokenLedger ledger = new TokenLedger(tokens());
        acceptAll(ledger, false, WORD, WORD);
        acceptAll(ledger, true, FORCED_ANSWER);
        acceptAll(ledger, false, WORD, EOS);
        assertEquals(2, ledger.thinkingTokens());
        assertEquals(5, ledger.answerTokens());
        assertEquals(3, ledger.injectedTokens());
        assertTrue(ledger.answerForced());
        assertEquals(StopReason.FORCED_AT_CAP, ledger.stopReason(false));
        assertEquals(StopReason.FORCED_AT_CAP, ledger.stopReason(true), "EOS came within the budget");
    }

    @Test
    void shouldNotTreatInjectedWaitAsForcedAnswer() {
        TokenLedger ledger = new TokenLedger(tokens());
        ledger.accept(WORD, false);
        ledger.accept(WAIT, true);
        acceptAll(ledger, false, WORD, THINK_END, WORD, EOS);
        assertTrue(ledger.forced());
        assertFalse(ledger.answerForced());
        assertEquals(1, ledger.injectedTokens());
        assertEquals(3, ledger.thinkingTokens());
        assertEquals(StopReason.NATURAL, ledger.stopReason(false));
    }

    @Test
    void shouldReportMaxTokensWhenTheBudgetRunsOutBeforeEos() {
        TokenLedger ledger = new TokenLedger(tokens());
        acceptAll(ledger, false, WORD, WORD);
        assertEquals(StopReason.MAX_TOKENS, ledger.stopReason(true));
        acceptAll(ledger, true, FORCED_ANSWER);
        acceptAll(ledger, false, WORD);
        assertEquals(StopReason.MAX_TOKENS, ledger.stopReason(true), "forced but the answer never ended");
    }

    @Test
    void shouldReportNaturalWhenEosIsTheLastTokenOfTheBudget() {
        TokenLedger ledger = new TokenLedger(tokens());
        acceptAll(ledger, false, WORD, THINK_END, EOS);
        assertEquals(0, ledger.remaining(3));
        assertEquals(StopReason.NATURAL, ledger.stopReason(true));
    }

    @Test
    void shouldCountEosBeforeThinkEndAsThinking() {
        TokenLedger ledger = new TokenLedger(tokens());
        acceptAll(ledger, false, WORD, EOS);
        assertEquals(2, ledger.thinkingTokens());
        assertEquals(0, ledger.answerTokens());
        assertEquals(StopReason.NATURAL, ledger.stopReason(false));
    }

    @Test
    void shouldTrackRemainingBudget() {
        TokenLedger ledger = new TokenLedger(tokens());
        assertEquals(10, ledger.remaining(10));
        acceptAll(ledger, false, WORD, WORD, WORD);
        assertEquals(7, ledger.remaining(10));
    }

    @Test
    void shouldRefuseStopReasonWhileStillRunning() {
        TokenLedger ledger = new TokenLedger(tokens());
        ledger.accept(WORD, false);
        assertThrows(IllegalStateException.class, () -> ledger.stopReason(false));
    }

    @Test
    void shouldRefuseTokensAfterEos() {
        TokenLedger ledger = new TokenLedger(tokens());
        ledger.accept(EOS, false);
        assertThrows(IllegalStateException.class, () -> ledger.accept(WORD, false));
    }

    @Test
    void shouldKeepCountsInCopyAndStayIndependent() {
        TokenLedger ledger = new TokenLedger(tokens());
        acceptAll(ledger, false, WORD, THINK_END);
        TokenLedger copy = ledger.copy();
        copy.accept(EOS, false);
        assertTrue(copy.finished());
        assertFalse(ledger.finished());
        assertEquals(TokenLedger.Phase.ANSWER, ledger.phase());
        assertEquals(2, ledger.generatedTokens());
    }

    @Test
    void shouldRejectSameIdForThinkEndAndEos() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new TokenLedger(3, 3));
        assertEquals("think-end and end-of-sequence must differ, both are 3", e.getMessage());
    }
}
