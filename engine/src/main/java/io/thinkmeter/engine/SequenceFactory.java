package io.thinkmeter.engine;

import io.thinkmeter.chat.ChatTemplateException;
import io.thinkmeter.contracts.Level;
import io.thinkmeter.contracts.Method;
import io.thinkmeter.engine.decoding.DecodePlan;
import io.thinkmeter.engine.decoding.TokenLedger;
import io.thinkmeter.engine.model.PromptEncoder;
import io.thinkmeter.engine.model.ReasonerDescriptor;
import io.thinkmeter.engine.ReasonerModel;

/** Turns a request into a sequence ready to decode, refusing what the model cannot do with a reason. */
final class SequenceFactory {

    private final ReasonerModel model;

    SequenceFactory(ReasonerModel model) {
        this.model = model;
    }

    Sequence create(DecodeRequest request) {
        ReasonerDescriptor d = model.descriptor();
        if (request.messages() == null && (request.problem() == null || request.problem().isBlank())) {
            throw new IllegalArgumentException("request " + request.id() + ": the problem text is empty");
        }
        String instruction = instruction(request, d);
        PromptEncoder prompts = model.prompts();
        int[] prompt;
        try {
            prompt = request.messages() != null ? prompts.encode(request.messages(), instruction)
                    : prompts.encode(request.problem(), instruction);
        } catch (ChatTemplateException e) {
            throw new IllegalArgumentException("request " + request.id() + ": " + e.getMessage(), e);
        }
        int budget = request.settings().budget();
        if (prompt.length + budget > d.maxContext()) {
            throw new IllegalArgumentException("request " + request.id() + ": prompt of " + prompt.length
                    + " tokens plus budget " + budget + " exceeds the model's context of " + d.maxContext());
        }
        DecodePlan plan = DecodePlan.forRequest(request.settings(), model.specialTokens());
        TokenLedger ledger = new TokenLedger(model.specialTokens().thinkEnd(), model.specialTokens().eos());
        return new Sequence(request, prompt, plan, ledger, model.specialTokens().eos(), d.maxContext());
    }

    private static String instruction(DecodeRequest request, ReasonerDescriptor d) {
        if (request.settings().method() != Method.TLDR) {
            return null;
        }
        if (d.levels() == null || d.levels().isEmpty()) {
            throw new IllegalArgumentException("request " + request.id() + ": model " + d.name()
                    + " has no TLDR levels, so method tldr cannot be used with it");
        }
        // The caller chose the level (BudgetPolicy#level): the engine does not know the scheduler's tiers.
        Level level = request.level();
        if (level == null) {
            throw new IllegalArgumentException("request " + request.id() + ": method tldr needs a level; model "
                    + d.name() + " has " + d.levels().keySet());
        }
        String text = d.levels().get(level.wireName());
        if (text == null) {
            throw new IllegalArgumentException("request " + request.id() + ": unknown level '" + level.wireName()
                    + "'; model " + d.name() + " has " + d.levels().keySet());
        }
        return text;
    }
}
