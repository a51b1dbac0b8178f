package io.thinkmeter.ops.platform;

import java.nio.file.Path;
import java.util.Properties;

/**
 * How to start a platform.
 *
 * @param dataDir where it keeps its state (see {@link StackLayout}); the same directory resumes it
 * @param models the model directories every worker serves
 * @param apps where the services' applications are
 * @param ingest whether to run ingest, the HTTP front door (without it, work is produced to Kafka directly)
 * @param maxInFlight sequences each worker decodes at once
 * @param schedulerOverrides extra scheduler settings ({@code thinkmeter.scheduler.*}: quotas, thresholds); may be empty
 * @param servers where Kafka and PostgreSQL come from: {@link Servers#embedded()} unless a test says otherwise
 */
public record StackOptions(Path dataDir, ModelDirs models, ServiceApps apps, boolean ingest, int maxInFlight,
                           Properties schedulerOverrides, Servers servers) {

    public StackOptions {
        if (maxInFlight < 1) {
            throw new IllegalArgumentException("max in flight must be at least 1, was " + maxInFlight);
        }
        schedulerOverrides = schedulerOverrides == null ? new Properties() : schedulerOverrides;
        servers = servers == null ? Servers.embedded() : servers;
    }

    /** With the embedded servers. */
    public StackOptions(Path dataDir, ModelDirs models, ServiceApps apps, boolean ingest, int maxInFlight,
                        Properties schedulerOverrides) {
        this(dataDir, models, apps, ingest, maxInFlight, schedulerOverrides, Servers.embedded());
    }

    /** The same options with the servers from {@code servers}. */
    public StackOptions withServers(Servers servers) {
        return new StackOptions(dataDir, models, apps, ingest, maxInFlight, schedulerOverrides, servers);
    }

    /** With ingest, from the applications in {@code apps}. */
    public static StackOptions withIngest(Path dataDir, ModelDirs models, ServiceApps apps, int maxInFlight) {
        return new StackOptions(dataDir, models, apps, true, maxInFlight, new Properties());
    }
}
