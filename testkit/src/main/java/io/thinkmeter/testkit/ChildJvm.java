package io.thinkmeter.testkit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Servers run as child JVMs of ours: the java command, a free loopback port, and a clean stop. */
public final class ChildJvm {

    private ChildJvm() {}

    /** A small-footprint JVM with the given arguments, its output appended to {@code log}. */
    public static ProcessBuilder builder(List<String> jvmArgumentsAndMain, Path log) {
        List<String> command = new ArrayList<>(List.of("-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1"));
        command.addAll(jvmArgumentsAndMain);
        return plainBuilder(command, log);
    }

    /** A JVM with exactly the given arguments (for long-running work, which wants the full JIT). */
    public static ProcessBuilder plainBuilder(List<String> jvmArgumentsAndMain, Path log) {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        // children of ours end with us (see ParentWatch), even when we are killed -9
        command.add("-D" + ParentWatch.PARENT_PID + "=" + ProcessHandle.current().pid());
        command.addAll(jvmArgumentsAndMain);
        return new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
    }

    public static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** SIGKILL, and wait until the process is gone. */
    public static void kill(Process process) {
        process.destroyForcibly();
        try {
            process.waitFor(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** SIGTERM first, so the server shuts down cleanly; a kill if it takes longer than {@code graceSeconds}. */
    public static void stop(Process process, int graceSeconds) {
        if (!process.isAlive()) {
            return;
        }
        process.destroy();
        try {
            if (!process.waitFor(graceSeconds, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }
}
