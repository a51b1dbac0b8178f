package io.thinkmeter.ops.platform;

import java.time.Instant;

/**
 * Where one supervised server or service stands, as {@code thinkmeter status} shows it.
 *
 * @param state running, starting, restarting (waiting out its back-off), held down (on purpose) or stopped
 * @param pid its process id while it runs, else -1
 * @param restarts how often the supervisor has started it again since the platform started
 * @param lastExit how it ended last time, or null when it never has
 * @param since when it entered this state
 * @param url where a service answers {@code /q/health/ready} and {@code /q/metrics}; null for the servers
 */
public record ServiceStatus(String name, String state, long pid, int restarts, String lastExit, Instant since,
                            String url) {

    public static final String RUNNING = "running";
    public static final String STARTING = "starting";
    public static final String RESTARTING = "restarting";
    public static final String STOPPED = "stopped";
    /** Taken down on purpose (an outage test, maintenance): not restarted until brought back. */
    public static final String HELD = "held down";

    public ServiceStatus withUrl(String serviceUrl) {
        return new ServiceStatus(name, state, pid, restarts, lastExit, since, serviceUrl);
    }
}
