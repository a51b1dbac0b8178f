package io.thinkmeter.storage;

import io.thinkmeter.contracts.ProblemResult;

/** A result's five token counts, as the results topic, the results table and the ledger each hold them. */
record TokenCounts(long prompt, long thinking, long answer, long injected, long generated) {

    static final TokenCounts ZERO = new TokenCounts(0, 0, 0, 0, 0);

    static TokenCounts of(ProblemResult r) {
        return new TokenCounts(r.promptTokens(), r.thinkingTokens(), r.answerTokens(), r.injectedTokens(),
                r.generatedTokens());
    }

    static TokenCounts of(LedgerEntry e) {
        return new TokenCounts(e.promptTokens(), e.thinkingTokens(), e.answerTokens(), e.injectedTokens(),
                e.generatedTokens());
    }

    TokenCounts plus(TokenCounts o) {
        return new TokenCounts(prompt + o.prompt, thinking + o.thinking, answer + o.answer, injected + o.injected,
                generated + o.generated);
    }

    @Override
    public String toString() {
        return "prompt " + prompt + ", thinking " + thinking + ", answer " + answer + ", injected " + injected
                + ", generated " + generated;
    }
}
