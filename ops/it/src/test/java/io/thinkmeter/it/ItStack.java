package io.thinkmeter.it;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.thinkmeter.it.servers.ServersMode;
import io.thinkmeter.ops.platform.ModelDirs;
import io.thinkmeter.ops.platform.Servers;
import io.thinkmeter.ops.platform.ServiceApps;

import java.nio.file.Files;
import java.nio.file.Path;

/** What the end-to-end tests start the stack with: the tiny model and the services' packaged applications. */
final class ItStack {

    private ItStack() {}

    /** The shipped tiny model; the test skips with a message when it is absent. */
    static Path model() {
        String configured = System.getProperty("thinkmeter.models.dir");
        Path dir = (configured != null ? Path.of(configured) : Path.of("..", "..", "models")).resolve("tiny-reasoner");
        assumeTrue(Files.isRegularFile(dir.resolve("reasoner.json")), "no tiny model at " + dir.toAbsolutePath());
        return dir;
    }

    /** The tiny model and the TLDR model beside it; skips with a message when that one is absent. */
    static ModelDirs modelsWithTldr() {
        ModelDirs dirs = ModelDirs.withTldrBeside(model());
        assumeTrue(dirs.tldr() != null, "no TLDR model beside " + model().toAbsolutePath());
        return dirs;
    }

    /** The services' applications in this checkout (the build sets the property to its root). */
    static ServiceApps apps() {
        return new ServiceApps(Path.of(System.getProperty(ServiceApps.HOME_PROPERTY, "../..")));
    }

    /**
     * Kafka and PostgreSQL for the tests that run in either mode (WholeStackIT, ChaosIT): containers or
     * embedded, from {@code -Dthinkmeter.it.servers} ({@link ServersMode}); the choice is printed.
     */
    static Servers servers() {
        return ServersMode.choose();
    }
}
