package io.thinkmeter.it.servers;

import static org.junit.jupiter.api.Assumptions.abort;

/**
 * Whether a container test may skip. Where nobody set Docker up, a container test skips and prints the
 * reason as one line. CI ({@code .ci/run}) sets {@value #ENV}=1 once it has started a daemon and built the
 * images: from then on a container test that cannot run fails, saying why, instead of passing by skipping.
 */
public final class DockerRequirement {

    public static final String ENV = "THINKMETER_REQUIRE_DOCKER";

    private DockerRequirement() {}

    public static boolean required() {
        String value = System.getenv(ENV);
        return value != null && (value.equals("1") || value.equalsIgnoreCase("true"));
    }

    /** Goes on when {@code holds}; else fails where Docker is required, or skips with {@code reason}. */
    public static void assume(boolean holds, String reason) {
        if (holds) {
            return;
        }
        if (required()) {
            throw new AssertionError(reason + " (" + ENV + " is set: Docker was set up for this run)");
        }
        System.out.println("SKIPPED: " + reason);
        abort(reason);
    }
}
