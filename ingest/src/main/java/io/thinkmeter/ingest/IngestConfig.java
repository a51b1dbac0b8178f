package io.thinkmeter.ingest;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;
import java.util.Optional;

/** The {@code thinkmeter.ingest.*} settings; see the module README. */
@ConfigMapping(prefix = "thinkmeter.ingest")
public interface IngestConfig {

    /** The key {@code POST /v1/tenants} wants in {@code X-Admin-Key}; absent: tenant creation is refused. */
    Optional<String> adminKey();

    /** The longest a {@code wait=true} call holds its connection, whatever timeout the caller asks for. */
    @WithDefault("60s")
    Duration maxWait();

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

    Readiness readiness();

    interface Readiness {

        /** Whether {@code /q/health/ready} also wants the scheduler, every pool's workers and the sink running. */
        @WithDefault("true")
        boolean pipeline();
    }
}
