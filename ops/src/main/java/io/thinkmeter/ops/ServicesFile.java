package io.thinkmeter.ops;

import io.thinkmeter.contracts.Json;
import io.thinkmeter.ops.platform.Platform;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Writes the supervisor's view of every server and service to the data directory every second, so
 * {@code thinkmeter status}, another process, can show it.
 */
final class ServicesFile implements AutoCloseable {

    private final ScheduledExecutorService writer = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "services-file");
        t.setDaemon(true);
        return t;
    });

    ServicesFile(Platform platform) {
        Path file = platform.layout().services();
        writer.scheduleWithFixedDelay(() -> write(platform, file), 0, 1, TimeUnit.SECONDS);
    }

    private static void write(Platform platform, Path file) {
        try {
            Path next = file.resolveSibling(file.getFileName() + ".next");
            Json.forFiles().writeValue(next.toFile(), platform.services());
            Files.move(next, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException | RuntimeException e) {
            // status is a convenience; the next write tries again
        }
    }

    @Override
    public void close() {
        writer.shutdownNow();
    }
}
