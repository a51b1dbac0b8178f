package io.thinkmeter.engine;

import io.thinkmeter.engine.decoding.TokenLedger;
import io.thinkmeter.engine.ReasonerModel;

import java.util.Arrays;

/** Turns a finished sequence into its result: texts, the extracted answer and the token account. */
final class ResultAssembler {

    private final ReasonerModel model;
    private final AnswerExtractor extractor;
    private final int thinkEnd;

    ResultAssembler(ReasonerModel model) {
        this.model = model;
        this.extractor = new AnswerExtractor(model.descriptor().answerPrefix());
        this.thinkEnd = model.specialTokens().thinkEnd();
    }

    DecodeResult assemble(Sequence s) {
        int[] ids = s.generatedIds();
        int split = indexOf(ids, thinkEnd);
        int[] thinkingIds = split < 0 ? ids : Arrays.copyOf(ids, split);
        int[] answerIds = split < 0 ? new int[0] : Arrays.copyOfRange(ids, split, ids.length);
        String thinking = model.tokenizer().decode(thinkingIds, true);
        String answer = model.tokenizer().decode(answerIds, true);
        TokenLedger ledger = s.ledger();
        return new DecodeResult(s.request().id(), thinking, answer, extractor.extract(answer), s.prompt().length,
                ledger.thinkingTokens(), ledger.answerTokens(), ledger.injectedTokens(), ledger.generatedTokens(),
                ledger.stopReason(s.budgetExhausted()), ids, s.elapsedMillis(), s.request());
    }

    private static int indexOf(int[] ids, int token) {
        for (int i = 0; i < ids.length; i++) {
            if (ids[i] == token) {
                return i;
            }
        }
        return -1;
    }
}
