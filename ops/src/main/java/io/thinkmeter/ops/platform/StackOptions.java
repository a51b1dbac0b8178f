package io.thinkmeter.ops.platform;

import java.nio.file.Path;
import java.util.Properties;

/**
 * How to start a platform.
 *
 * @param dataDir where it keeps its state (see {@link StackLayout}); the same directory resumes it
 * @param models the model directories every worker serves
 * @param ingestJar ingest's application, or null for a platform without its HTTP front door
 * @param maxInFlight sequences each worker decodes at once
 * @param schedulerOverrides extra scheduler properties (quotas, thresholds); may be empty
 */
public record StackOptions(Path dataDir, ModelDirs models, Path ingestJar, int maxInFlight,
                           Properties schedulerOverrides) {

    public StackOptions {
        if (maxInFlight < 1) {
            throw new IllegalArgumentException("max in flight must be at least 1, was " + maxInFlight);
        }
        schedulerOverrides = schedulerOverrides == null ? new Properties() : schedulerOverrides;
    }
}
