package io.thinkmeter.ingest;

import io.quarkus.runtime.configuration.MemorySize;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/** The {@code thinkmeter.ingest.*} settings; see the module README. */
@ConfigMapping(prefix = "thinkmeter.ingest")
public interface IngestConfig {

    /** The key {@code POST /v1/tenants} wants in {@code X-Admin-Key}; absent: tenant creation is refused. */
    Optional<String> adminKey();

    /** The longest a {@code wait=true} call holds its connection, whatever timeout the caller asks for. */
    @WithDefault("60s")
    Duration maxWait();

    /**
     * The largest JSON (or JSONL) body, which ingest reads whole into memory; a file upload may be larger
     * ({@link OpenAi#maxFileBytes()}). {@code quarkus.http.limits.max-body-size} must sit above both.
     */
    @WithDefault("64M")
    MemorySize maxBodySize();

    /** The most non-empty lines one batch may have. */
    @WithDefault("100000")
    int maxBatchLines();

    /**
     * The longest one HTTP request waits on Kafka, all of it: a free producer, the broker's metadata,
     * every acknowledgement and the commit. Past it the answer is 503.
     */
    @WithDefault("15s")
    Duration publishTimeout();

    /** How many transactional producers publish at once (a producer has one open transaction at a time). */
    @WithDefault("4")
    int producers();

    /**
     * The most tokens the served model can generate after the shortest prompt (its context window less
     * that prompt); absent: only the contract's own limit applies. Ops computes it from the model.
     */
    Optional<Integer> maxBudget();

    /** The longest problem text the served model could ever take; absent: only the contract's limit. */
    Optional<Integer> maxProblemChars();

    /**
     * The served main model's directory (its {@code reasoner.json}: name, chat template), as the workers'
     * {@code thinkmeter.worker.model-dir}: {@code GET /v1/models} lists it and a chat conversation must
     * render with its template. Absent: no model is listed and conversations are not checked here.
     */
    Optional<Path> modelDir();

    /** The served TLDR model's directory, as the workers' {@code thinkmeter.worker.tldr-model-dir}. */
    Optional<Path> tldrModelDir();

    /** The OpenAI front door: chat completions, OpenAI batch lines, the Files and Batches APIs. */
    OpenAi openai();

    Readiness readiness();

    /** The OpenAI front door: chat completions and OpenAI batch lines; the Files and Batches APIs. */
    interface OpenAi {

        /** The largest file {@code POST /v1/files} takes (OpenAI's limit). */
        @WithDefault("200M")
        MemorySize maxFileBytes();

        /** The most lines a file may have (OpenAI's limit for a batch input file). */
        @WithDefault("50000")
        int maxFileLines();

        /**
         * The one {@code completion_window} a batch may ask for: {@code 24h}, as OpenAI's. Tests set seconds
         * to see batches expire; the window a batch is created with is still named {@code 24h} in its object.
         */
        @WithDefault("24h")
        Duration completionWindow();

        /** How often the tracker looks at the batches not yet ended. */
        @WithDefault("1s")
        Duration trackerInterval();


        /**
         * The budget of a chat completion without {@code max_completion_tokens} or {@code max_tokens}.
         * Absent: {@code max-budget} (all the model can generate, as OpenAI's cap is the context window).
         */
        Optional<Integer> defaultBudget();

        /** A tenant's own default budget ({@code tenant-default-budget.<tenant>}), over {@code default-budget}. */
        Map<String, Integer> tenantDefaultBudget();

        /**
         * {@code reasoning_effort} low, medium and high: the TLDR level when a TLDR model is served, else
         * method ts at this stop temperature. Defaults in application.properties; the README's effort table.
         */
        Map<String, Effort> effort();

        interface Effort {

            /** The TLDR level (short, medium, long). */
            String level();

            /** Tau for method ts when no TLDR model is served. */
            double stopTemperature();
        }
    }

    interface Readiness {

        /** Whether {@code /q/health/ready} also wants the scheduler, every pool's workers and the sink running. */
        @WithDefault("true")
        boolean pipeline();
    }
}
