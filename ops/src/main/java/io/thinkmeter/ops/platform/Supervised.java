package io.thinkmeter.ops.platform;

/**
 * Something the {@link Supervisor} keeps running: one of the platform's servers (Kafka, PostgreSQL) or
 * services (the scheduler, a pool's worker, the sink, ingest). Public so that a server the platform does
 * not make itself ({@link Servers}: containers, in the end-to-end tests) can be supervised like its own.
 */
public interface Supervised {

    /** "kafka", "worker-short", ...: what logs, {@code status} and tests call it. */
    String name();

    /**
     * Starts it. A server returns once it answers; a service once its process runs (whether it is
     * ready shows in its consumer group, which ingest's readiness watches).
     */
    void start() throws Exception;

    boolean isAlive();

    /** Its operating-system process id while it runs (a container's: its main process on the host), or -1. */
    long pid();

    /** How it ended, for the log ("exit code 137"), once it is not alive. */
    String exit();

    /** Stops it cleanly (in-flight work finishes), killing it when that takes too long. */
    void stop();

    /** Kills it at once (SIGKILL), as a crash would. */
    void kill();
}
