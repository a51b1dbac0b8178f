package io.thinkmeter.ops.client;

import java.util.List;
import java.util.Map;

/**
 * Ingest's {@code /q/health/ready} body, as SmallRye Health writes it.
 *
 * @param status UP or DOWN
 * @param checks each check with what it found
 */
public record Readiness(String status, List<Check> checks) {

    public static final String UP = "UP";

    /** @param data what the check reports (a pool without a worker, a broker's error), by name */
    public record Check(String name, String status, Map<String, Object> data) {}

    public boolean up() {
        return UP.equals(status);
    }
}
