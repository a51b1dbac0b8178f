package io.thinkmeter.ops.platform;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Where the services' Quarkus applications are: {@code HOME/MODULE/target/quarkus-app/quarkus-run.jar}, the
 * layout of a built checkout and of the container image alike.
 *
 * @param home the checkout's root (the working directory of {@code ./thinkmeter})
 */
public record ServiceApps(Path home) {

    /** The system property tests set to the checkout's root when they run from a module's directory. */
    public static final String HOME_PROPERTY = "thinkmeter.apps.home";

    public static final String INGEST = "ingest";
    public static final String SCHEDULER = "scheduler";
    public static final String WORKER = "workers";
    public static final String SINK = "sink";

    /** {@value #HOME_PROPERTY} when set, else the working directory. */
    public static ServiceApps here() {
        return new ServiceApps(Path.of(System.getProperty(HOME_PROPERTY, ".")));
    }

    /** The module's application, which must have been built. */
    Path jar(String module) throws IOException {
        Path jar = home.resolve(module).resolve("target/quarkus-app/quarkus-run.jar");
        if (!Files.isRegularFile(jar)) {
            throw new IOException("no " + module + " application at " + jar.toAbsolutePath()
                    + ": build it with 'mvn -B -DskipTests package' (the thinkmeter launcher does this)");
        }
        return jar;
    }
}
