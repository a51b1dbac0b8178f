package io.thinkmeter.engine.decoding;

import io.thinkmeter.contracts.StopReason;

/**
 * Token accounting of one sequence after its prompt: what was spent where, and why it ended.
 *
 * <pre>
 * Phases and transitions:
 *   THINKING --accept(thinkEnd, any)--> ANSWER
 *   any      --accept(eos, any)-------> finished (no accept after it)
 * </pre>
 *
 * <p>Think-end itself is the first ANSWER token, so thinking is exactly the tokens strictly before
 * it; this matches how {@link BudgetForcing} counts, whose forced answer begins with think-end. An
 * end-of-sequence before any think-end counts as a thinking token. The answer counts as forced when
 * think-end was accepted as an injected token: that is how the forced answer begins, while injected
 * "Wait" tokens never contain think-end.
 */
public final class TokenLedger {

    public enum Phase { THINKING, ANSWER }

    private final int thinkEnd;
    private final int eos;

    private Phase phase = Phase.THINKING;
    private int thinkingTokens;
    private int answerTokens;
    private int injectedTokens;
    private boolean answerForced;
    private boolean finished;

    public TokenLedger(SpecialTokens tokens) {
        this(tokens.thinkEnd(), tokens.eos());
    }

    public TokenLedger(int thinkEnd, int eos) {
        if (thinkEnd < 0 || eos < 0) {
            throw new IllegalArgumentException("token ids must be >= 0, got thinkEnd=" + thinkEnd + ", eos=" + eos);
        }
        if (thinkEnd == eos) {
            throw new IllegalArgumentException("think-end and end-of-sequence must differ, both are " + eos);
        }
        this.thinkEnd = thinkEnd;
        this.eos = eos;
    }

    private TokenLedger(TokenLedger other) {
        this.thinkEnd = other.thinkEnd;
        this.eos = other.eos;
        this.phase = other.phase;
        this.thinkingTokens = other.thinkingTokens;
        this.answerTokens = other.answerTokens;
        this.injectedTokens = other.injectedTokens;
        this.answerForced = other.answerForced;
        this.finished = other.finished;
    }

    /**
     * Records one token after the prompt.
     *
     * @param injected whether an intervention forced it ({@link Intervention#forcing()} of the step)
     * @throws IllegalStateException after end-of-sequence: the sequence is over
     */
    public void accept(int token, boolean injected) {
        if (finished) {
            throw new IllegalStateException("token " + token + " accepted after end-of-sequence");
        }
        if (phase == Phase.THINKING && token == thinkEnd) {
            phase = Phase.ANSWER;
            answerForced = injected;
        }
        if (phase == Phase.THINKING) {
            thinkingTokens++;
        } else {
            answerTokens++;
        }
        if (injected) {
            injectedTokens++;
        }
        if (token == eos) {
            finished = true;
        }
    }

    /**
     * Why the sequence ended. NATURAL: end-of-sequence and the answer was not forced. FORCED_AT_CAP:
     * the answer was forced and the sequence then ended within the budget. MAX_TOKENS: the budget
     * ran out before end-of-sequence, forced or not.
     *
     * @param budgetExhausted whether the loop stopped because the budget was spent
     * @throws IllegalStateException when the sequence has neither ended nor exhausted the budget
     */
    public StopReason stopReason(boolean budgetExhausted) {
        if (finished) {
            return answerForced ? StopReason.FORCED_AT_CAP : StopReason.NATURAL;
        }
        if (budgetExhausted) {
            return StopReason.MAX_TOKENS;
        }
        throw new IllegalStateException("no stop reason yet: no end-of-sequence after " + generatedTokens()
                + " tokens and the budget is not exhausted");
    }

    /** Budget left; negative only if the caller overran it. */
    public int remaining(int budget) {
        return budget - generatedTokens();
    }

    public Phase phase() {
        return phase;
    }

    /** Tokens strictly before think-end. */
    public int thinkingTokens() {
        return thinkingTokens;
    }

    /** Think-end and everything after it. */
    public int answerTokens() {
        return answerTokens;
    }

    /** Tokens forced by an intervention: the forced answer and any "Wait". */
    public int injectedTokens() {
        return injectedTokens;
    }

    /** All tokens after the prompt, generated or injected: what the budget is charged. */
    public int generatedTokens() {
        return thinkingTokens + answerTokens;
    }

    /** Whether any token was injected. */
    public boolean forced() {
        return injectedTokens > 0;
    }

    /** Whether thinking was ended by an injected think-end, i.e. the forced answer. */
    public boolean answerForced() {
        return answerForced;
    }

    /** Whether end-of-sequence was accepted. */
    public boolean finished() {
        return finished;
    }

    public TokenLedger copy() {
        return new TokenLedger(this);
    }
}
