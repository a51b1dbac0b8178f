package io.thinkmeter.testkit;

import io.thinkmeter.contracts.Topics;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.errors.GroupIdNotFoundException;
import org.apache.kafka.common.errors.GroupNotEmptyException;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

/**
 * A real single-node KRaft Kafka broker (broker and controller in one), run from the Kafka jars on
 * our class path in a child JVM: the log directory is formatted with Kafka's storage tool, then
 * {@code kafka.Kafka} starts. A child process keeps the broker's threads, memory and exit calls out
 * of the JVM that uses it, and needs no Kafka-internal API.
 */
public final class EmbeddedKafka implements AutoCloseable {

    private static final Duration START_TIMEOUT = Duration.ofSeconds(90);

    private final Path dir;
    private final int port;
    private final Process process;

    private EmbeddedKafka(Path dir, int port, Process process) {
        this.dir = dir;
        this.port = port;
        this.process = process;
    }

    /**
     * Starts a broker with its data under {@code dir} (created if needed). The first start picks free
     * loopback ports and records them in the directory; a later start on the same directory (after
     * {@link #close()} or {@link #kill()}) reuses them and the log, so the broker comes back where it was
     * and its clients reconnect to the same address.
     */
    public static EmbeddedKafka start(Path dir) throws IOException {
        Files.createDirectories(dir);
        BrokerPorts ports = BrokerPorts.inDirectory(dir);
        int port = ports.client();
        int controllerPort = ports.controller();
        Path config = dir.resolve("server.properties");
        Files.writeString(config, serverProperties(dir.resolve("data"), port, controllerPort));
        Path log = dir.resolve("kafka.log");
        if (!Files.isRegularFile(dir.resolve("data").resolve("meta.properties"))) {
            // formatted once: a restart keeps the cluster id the log was written under
            run(List.of("kafka.tools.StorageTool", "format", "-t", Uuid.randomUuid().toString(), "-c",
                    config.toString()), log);
        }
        Process broker = childJvm(List.of(WatchedMain.class.getName(), "kafka.Kafka", config.toString()), log).start();
        EmbeddedKafka kafka = new EmbeddedKafka(dir, port, broker);
        try {
            kafka.awaitReady();
        } catch (RuntimeException e) {
            kafka.close();
            throw e;
        }
        return kafka;
    }

    static String serverProperties(Path data, int port, int controllerPort) {
        return String.join("\n",
                "process.roles=broker,controller",
                "node.id=1",
                "controller.quorum.voters=1@127.0.0.1:" + controllerPort,
                "listeners=PLAINTEXT://127.0.0.1:" + port + ",CONTROLLER://127.0.0.1:" + controllerPort,
                "advertised.listeners=PLAINTEXT://127.0.0.1:" + port,
                "controller.listener.names=CONTROLLER",
                "inter.broker.listener.name=PLAINTEXT",
                "listener.security.protocol.map=PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT",
                "log.dirs=" + data,
                "") + settings(BrokerAdmin.SINGLE_NODE_SETTINGS);
    }

    private static String settings(Map<String, String> settings) {
        StringBuilder out = new StringBuilder();
        settings.forEach((key, value) -> out.append(key).append('=').append(value).append('\n'));
        return out.toString();
    }

    public String bootstrapServers() {
        return "127.0.0.1:" + port;
    }

    public Path directory() {
        return dir;
    }

    /** Creates topics that do not exist yet, with their {@link Topics#configOf settings} (compaction, broker timestamps). */
    public void createTopics(Collection<String> names, int partitions) {
        BrokerAdmin.createTopics(bootstrapServers(), names, partitions);
    }

    /**
     * Deletes a consumer group, so its next member reads from the first offset again; waits (up to a
     * minute) while a member that was just stopped is still leaving it. An absent group is fine.
     */
    public void deleteGroup(String group) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        try (Admin admin = admin()) {
            while (true) {
                try {
                    admin.deleteConsumerGroups(List.of(group)).all().get(15, TimeUnit.SECONDS);
                    return;
                } catch (ExecutionException e) {
                    if (e.getCause() instanceof GroupIdNotFoundException) {
                        return;
                    }
                    if (!(e.getCause() instanceof GroupNotEmptyException) || System.nanoTime() > deadline) {
                        throw new IllegalStateException("cannot delete consumer group " + group + ": " + e.getCause(), e);
                    }
                } catch (java.util.concurrent.TimeoutException e) {
                    throw new IllegalStateException("the broker did not delete consumer group " + group, e);
                }
                Thread.sleep(200);
            }
        }
    }

    /** How many records of {@code topic} the group has not committed yet, over all partitions. */
    public long lag(String group, String topic) throws InterruptedException, ExecutionException {
        return BrokerAdmin.lag(bootstrapServers(), group, topic);
    }

    public Admin admin() {
        return BrokerAdmin.admin(bootstrapServers());
    }

    private void awaitReady() {
        long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("the Kafka broker exited with " + process.exitValue() + ":\n" + tail());
            }
            if (BrokerAdmin.answers(bootstrapServers())) {
                return;
            }
            sleep(250);
        }
        throw new IllegalStateException("the Kafka broker did not start within " + START_TIMEOUT.toSeconds() + " s:\n"
                + tail());
    }

    private String tail() {
        try {
            List<String> lines = Files.readAllLines(dir.resolve("kafka.log"), StandardCharsets.UTF_8);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 30), lines.size()));
        } catch (IOException e) {
            return "(no log: " + e.getMessage() + ")";
        }
    }

    private static void run(List<String> mainAndArgs, Path log) throws IOException {
        Process p = childJvm(mainAndArgs, log).start();
        try {
            if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
                p.destroyForcibly();
                throw new IllegalStateException("'" + String.join(" ", mainAndArgs) + "' failed; see " + log);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while formatting Kafka storage", e);
        }
    }

    private static ProcessBuilder childJvm(List<String> mainAndArgs, Path log) {
        List<String> args = new ArrayList<>(List.of("-Xms128m", "-Xmx512m", "-Dlog4j2.level=WARN", "-cp",
                System.getProperty("java.class.path")));
        args.addAll(mainAndArgs);
        return ChildJvm.builder(args, log);
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for Kafka", e);
        }
    }

    /** The broker's process id, so a test (or an operator) can kill it. */
    public long pid() {
        return process.pid();
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    /** Kills the broker at once (SIGKILL), as a crash would: no clean shutdown, no flush. */
    public void kill() {
        ChildJvm.kill(process);
    }

    /** Stops the broker: a clean shutdown first, then a kill if it takes more than 20 s. */
    @Override
    public void close() {
        ChildJvm.stop(process, 20);
    }
}
