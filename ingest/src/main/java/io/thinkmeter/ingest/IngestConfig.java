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

    /** How long to wait for Kafka to acknowledge a submission before answering 503. */
    @WithDefault("30s")
    Duration ackTimeout();
}
