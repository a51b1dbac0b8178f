package io.thinkmeter.ingest;

import io.thinkmeter.contracts.Level;
import io.thinkmeter.ingest.openai.Efforts;
import io.thinkmeter.ingest.openai.OpenAiRules;
import io.thinkmeter.ingest.openai.ServedModels;

import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/** The OpenAI rules of the tests: the repository's tiny models, and the efforts as application.properties sets them. */
public final class OpenAiTestRules {

    public static final Path MAIN_MODEL = Path.of("..", "models", "tiny-reasoner").toAbsolutePath().normalize();
    public static final Path TLDR_MODEL = Path.of("..", "models", "tiny-reasoner-tldr").toAbsolutePath().normalize();
    public static final Efforts EFFORTS = new Efforts(
            Map.of("low", Level.SHORT, "medium", Level.MEDIUM, "high", Level.LONG),
            Map.of("low", 2.0, "medium", 1.5, "high", 1.0));
    /** Both tiny models served, no default budget. */
    public static final OpenAiRules TINY = new OpenAiRules(EFFORTS,
            ServedModels.read(Optional.of(MAIN_MODEL), Optional.of(TLDR_MODEL)), null, Map.of());
    /** The main model alone: efforts become ts. */
    public static final OpenAiRules NO_TLDR = new OpenAiRules(EFFORTS,
            ServedModels.read(Optional.of(MAIN_MODEL), Optional.empty()), null, Map.of());

    private OpenAiTestRules() {}

    /** {@code rules} with a default budget and one tenant's own. */
    public static OpenAiRules withDefaults(OpenAiRules rules, Integer budget, Map<String, Integer> tenants) {
        return new OpenAiRules(rules.efforts(), rules.models(), budget, tenants);
    }
}
