package io.thinkmeter.engine;

import io.thinkmeter.contracts.BudgetTiers;
import io.thinkmeter.engine.decoding.BudgetPolicy;

/** The budget policy a model is decoded under: its reasoner.json's answer reserve and its stop temperatures. */
public final class BudgetPolicies {

    private BudgetPolicies() {}

    /**
     * With the model's own stop temperatures (its calibration.json, else the defaults).
     *
     * @throws java.io.UncheckedIOException when its calibration.json is unreadable or measured another model
     */
    public static BudgetPolicy forModel(ReasonerModel model, BudgetTiers tiers) {
        return forModel(model, StopTemperatureTable.forModel(model), tiers);
    }

    /** @param stopTemperatures the taus for ts (a TLDR model is given its main model's, which it never uses) */
    public static BudgetPolicy forModel(ReasonerModel model, StopTemperatureTable stopTemperatures, BudgetTiers tiers) {
        return new BudgetPolicy(model.descriptor().defaultAnswerReserve(), tiers, stopTemperatures::forBudget);
    }
}
