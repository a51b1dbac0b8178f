package io.thinkmeter.ops;

import io.thinkmeter.ops.platform.ServiceApps;
import picocli.CommandLine.Option;

import java.nio.file.Path;

/** How the commands that start the whole stack run its services: {@code --max-in-flight} and {@code --apps}. */
final class StackRunOptions {

    @Option(names = "--max-in-flight", defaultValue = "16",
            description = "sequences each worker decodes at once (default: ${DEFAULT-VALUE})")
    int maxInFlight;

    @Option(names = "--apps", defaultValue = ".", description = "where the services' applications are built: "
            + "DIR/MODULE/target/quarkus-app/quarkus-run.jar (default: the working directory)")
    Path apps;

    ServiceApps apps() {
        return new ServiceApps(apps);
    }
}
