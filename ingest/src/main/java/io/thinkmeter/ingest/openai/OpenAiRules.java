package io.thinkmeter.ingest.openai;

import io.thinkmeter.ingest.IngestConfig;

import java.util.Map;
import java.util.Optional;

/**
 * What mapping an OpenAI chat completion body needs beyond the body: the effort mapping, the served
 * models (is a TLDR model there; can their templates express the conversation) and the default budgets.
 * Shared by {@code POST /v1/chat/completions} and every OpenAI batch line, so both follow one rule set.
 *
 * @param defaultBudget the budget of a body without a token cap; null: none, the cap is then required
 * @param tenantDefaultBudgets a tenant's own default, over {@code defaultBudget}
 */
public record OpenAiRules(Efforts efforts, ServedModels models, Integer defaultBudget,
                          Map<String, Integer> tenantDefaultBudgets) {

    public OpenAiRules {
        tenantDefaultBudgets = Map.copyOf(tenantDefaultBudgets);
    }

    /** From the settings; the default budget falls back to max-budget, all the served model can generate. */
    public static OpenAiRules of(IngestConfig config) {
        IngestConfig.OpenAi openai = config.openai();
        return new OpenAiRules(Efforts.of(openai.effort()), ServedModels.read(config.modelDir(), config.tldrModelDir()),
                openai.defaultBudget().or(config::maxBudget).orElse(null), openai.tenantDefaultBudget());
    }

    /** The tenant's default budget for a body without {@code max_completion_tokens}; null when there is none. */
    public Integer defaultBudget(String tenant) {
        return Optional.ofNullable(tenantDefaultBudgets.get(tenant)).orElse(defaultBudget);
    }

    public boolean tldrServed() {
        return models.tldrModel().isPresent();
    }
}
