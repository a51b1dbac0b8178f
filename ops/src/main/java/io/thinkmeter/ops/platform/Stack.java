package io.thinkmeter.ops.platform;

import java.io.IOException;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Properties;

/** Every service and both servers: the platform in this process, ingest beside it. */
public final class Stack implements AutoCloseable {

    private final Platform platform;
    private final IngestProcess ingest;
    private final String adminKey;

    private Stack(Platform platform, IngestProcess ingest, String adminKey) {
        this.platform = platform;
        this.ingest = ingest;
        this.adminKey = adminKey;
    }

    public static Stack start(Path dir, ModelDirs models, Path ingestJar, int maxInFlight, Properties schedulerOverrides)
            throws IOException {
        byte[] secret = new byte[16];
        new SecureRandom().nextBytes(secret);
        String adminKey = "admin_" + HexFormat.of().formatHex(secret);
        Platform platform = Platform.start(dir, models, maxInFlight, schedulerOverrides);
        try {
            IngestProcess ingest = IngestProcess.start(ingestJar, platform.bootstrapServers(), platform.jdbcUrl(),
                    adminKey, dir);
            return new Stack(platform, ingest, adminKey);
        } catch (IOException | RuntimeException e) {
            platform.close();
            throw e;
        }
    }

    public Platform platform() {
        return platform;
    }

    public String url() {
        return ingest.url();
    }

    public String adminKey() {
        return adminKey;
    }

    @Override
    public void close() {
        ingest.close();
        platform.close();
    }
}
