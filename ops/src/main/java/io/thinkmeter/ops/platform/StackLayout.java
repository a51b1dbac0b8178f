package io.thinkmeter.ops.platform;

import java.nio.file.Path;

/**
 * Where a platform keeps its state under its data directory, so stopping and starting it again
 * resumes where it left off: Kafka's log, PostgreSQL's data, the scheduler's state stores, the
 * generated secrets (mode 0600), the ports chosen on first start, and every service's log.
 */
public record StackLayout(Path root) {

    public Path kafka() {
        return root.resolve("kafka");
    }

    public Path postgres() {
        return root.resolve("postgres");
    }

    public Path schedulerState() {
        return root.resolve("scheduler");
    }

    public Path logs() {
        return root.resolve("logs");
    }

    /** Passwords and keys, mode 0600. */
    public Path secrets() {
        return root.resolve("secrets.properties");
    }

    public Path ports() {
        return root.resolve("ports.properties");
    }

    /** The supervisor's view of every server and service, written while `up` runs, for `thinkmeter status`. */
    public Path services() {
        return root.resolve("services.json");
    }
}
