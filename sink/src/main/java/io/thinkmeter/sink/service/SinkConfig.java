package io.thinkmeter.sink.service;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import io.thinkmeter.storage.DatabaseSetup;

import java.time.Duration;

/**
 * The sink service's settings, {@code thinkmeter.sink.*}: as {@code -Dthinkmeter.sink.jdbc-url=...} or the
 * environment ({@code THINKMETER_SINK_DB_PASSWORD}: keep the password there, never on a command line). The
 * Kafka cluster is {@code kafka.bootstrap.servers}. Run {@code thinkmeter service migrate} once first.
 */
@ConfigMapping(prefix = "thinkmeter.sink")
public interface SinkConfig {

    /** The platform's database: {@code jdbc:postgresql://host:port/db}. Required. */
    String jdbcUrl();

    /** A login in {@code thinkmeter_service} (no DELETE, the ledger INSERT-only). */
    @WithDefault(DatabaseSetup.SERVICE_LOGIN)
    String dbUser();

    String dbPassword();

    /** The most records one poll returns, and so one database transaction writes (see BENCHMARKS.md). */
    @WithDefault("2000")
    int maxPollRecords();

    /** On shutdown, how long to wait for the poll being stored to commit. */
    @WithDefault("20s")
    Duration drainTimeout();
}
