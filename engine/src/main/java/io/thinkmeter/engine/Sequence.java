package io.thinkmeter.engine;

import io.thinkmeter.engine.decoding.DecodePlan;
import io.thinkmeter.engine.decoding.Intervention;
import io.thinkmeter.engine.decoding.TokenLedger;
import io.thinkmeter.engine.decoding.TokenPicker;

import java.util.Arrays;

/**
 * One request being decoded: its prompt, its own intervention chain and picker, and its ledger.
 * The batch decoder owns the tensors; a sequence only turns logits into its next token.
 */
final class Sequence {

    private final DecodeRequest request;
    private final int[] prompt;
    private final Intervention chain;
    private final TokenPicker picker;
    private final TokenLedger ledger;
    private final int budget;
    private final int contextLimit;
    private final int eos;
    private final long startedNanos = System.nanoTime();
    private int[] generated = new int[32];
    private int count;
    private boolean finished;
    private boolean budgetExhausted;

    Sequence(DecodeRequest request, int[] prompt, DecodePlan plan, TokenLedger ledger, int eos, int maxContext) {
        this.request = request;
        this.prompt = prompt;
        this.chain = plan.chain();
        this.picker = plan.picker();
        this.ledger = ledger;
        this.budget = request.settings().budget();
        this.contextLimit = maxContext - prompt.length;
        this.eos = eos;
    }

    DecodeRequest request() {
        return request;
    }

    int[] prompt() {
        return prompt;
    }

    /** Chooses, records and returns the next token from these logits (edited in place). */
    int advance(float[] logits) {
        chain.apply(logits);
        boolean forced = chain.forcing();
        int picked = picker.pick(logits);
        int token = chain.replace(picked);
        chain.accept(token);
        ledger.accept(token, forced || token != picked);
        if (count == generated.length) {
            generated = Arrays.copyOf(generated, count * 2);
        }
        generated[count++] = token;
        if (token == eos) {
            finished = true;
        } else if (count >= budget || count >= contextLimit) {
            finished = true;
            budgetExhausted = true;
        }
        return token;
    }

    boolean finished() {
        return finished;
    }

    int lastToken() {
        return generated[count - 1];
    }

    /** Position of the latest token in this sequence (prompt positions start at 0). */
    int lastPosition() {
        return prompt.length + count - 1;
    }

    int[] generatedIds() {
        return Arrays.copyOf(generated, count);
    }

    TokenLedger ledger() {
        return ledger;
    }

    boolean budgetExhausted() {
        return budgetExhausted;
    }

    long elapsedMillis() {
        return (System.nanoTime() - startedNanos) / 1_000_000;
    }
}
