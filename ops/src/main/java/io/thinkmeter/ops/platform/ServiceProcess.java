package io.thinkmeter.ops.platform;

import io.thinkmeter.testkit.ChildJvm;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * A platform service as its own JVM, as docker-compose would run it: killing it (kill -9 included)
 * takes only that service down, and its supervisor starts it again. Output goes to its log file,
 * appended across restarts.
 */
final class ServiceProcess implements Supervised {

    private final String name;
    private final List<String> jvmArgumentsAndMain;
    private final Map<String, String> environment;
    private final Path log;
    private final int stopGraceSeconds;
    private volatile Process process;

    /**
     * @param environment secrets go here rather than on the command line, where {@code ps} shows them
     * @param stopGraceSeconds how long a SIGTERM may take (a worker finishes its in-flight requests) before a kill
     */
    ServiceProcess(String name, List<String> jvmArgumentsAndMain, Map<String, String> environment, Path log,
                   int stopGraceSeconds) {
        this.name = name;
        this.jvmArgumentsAndMain = List.copyOf(jvmArgumentsAndMain);
        this.environment = Map.copyOf(environment);
        this.log = log;
        this.stopGraceSeconds = stopGraceSeconds;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public void start() throws IOException {
        Files.createDirectories(log.toAbsolutePath().getParent());
        ProcessBuilder builder = ChildJvm.plainBuilder(jvmArgumentsAndMain, log);
        builder.environment().putAll(environment);
        process = builder.start();
    }

    @Override
    public boolean isAlive() {
        Process p = process;
        return p != null && p.isAlive();
    }

    @Override
    public long pid() {
        Process p = process;
        return p != null && p.isAlive() ? p.pid() : -1;
    }

    @Override
    public String exit() {
        Process p = process;
        if (p == null) {
            return "not started";
        }
        if (p.isAlive()) {
            return "running";
        }
        int code = p.exitValue();
        return "exit code " + code + (code == 137 ? " (killed)" : "") + "; see " + log;
    }

    @Override
    public void stop() {
        Process p = process;
        if (p != null) {
            ChildJvm.stop(p, stopGraceSeconds);
        }
    }

    @Override
    public void kill() {
        Process p = process;
        if (p != null) {
            ChildJvm.kill(p);
        }
    }

    Path log() {
        return log;
    }
}
