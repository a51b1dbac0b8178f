package io.thinkmeter.ingest.openai;

import io.thinkmeter.ingest.IngestConfig;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

/** The OpenAI rules, built once from the settings (a record: singleton, as no client proxy can wrap it). */
public class OpenAiBeans {

    @Produces
    @Singleton
    OpenAiRules rules(IngestConfig config) {
        return OpenAiRules.of(config);
    }
}
