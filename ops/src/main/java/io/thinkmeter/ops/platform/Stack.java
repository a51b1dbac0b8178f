package io.thinkmeter.ops.platform;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Properties;

/** Every service and both servers, ingest included: the platform as a client of its HTTP API sees it. */
public final class Stack implements AutoCloseable {

    private final Platform platform;

    private Stack(Platform platform) {
        this.platform = platform;
    }

    public static Stack start(Path dir, ModelDirs models, ServiceApps apps, int maxInFlight,
                              Properties schedulerOverrides) throws IOException {
        return new Stack(Platform.start(new StackOptions(dir, models, apps, true, maxInFlight, schedulerOverrides),
                System.err::println));
    }

    public static Stack start(StackOptions options, java.util.function.Consumer<String> log) throws IOException {
        if (!options.ingest()) {
            throw new IllegalArgumentException("a stack runs ingest");
        }
        return new Stack(Platform.start(options, log));
    }

    public Platform platform() {
        return platform;
    }

    public String url() {
        return platform.url();
    }

    public String adminKey() {
        return platform.adminKey();
    }

    @Override
    public void close() {
        platform.close();
    }
}
