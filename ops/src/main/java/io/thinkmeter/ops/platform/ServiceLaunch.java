package io.thinkmeter.ops.platform;

import io.thinkmeter.contracts.Pool;
import io.thinkmeter.ops.embedded.WatchedMain;

import java.io.File;
import java.io.IOException;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;

/**
 * How each platform service is started as its own process: the same {@code thinkmeter service ...}
 * commands an operator runs (and docker-compose would), on this JVM's class path, with secrets passed
 * in the environment rather than on the command line.
 */
final class ServiceLaunch {

    /** A worker finishes its in-flight requests on SIGTERM; the tiny model's take seconds. */
    private static final int WORKER_STOP_GRACE_SECONDS = 60;
    private static final int STOP_GRACE_SECONDS = 20;

    /** The Main-Class of a Quarkus fast-jar's quarkus-run.jar. */
    private static final String QUARKUS_ENTRY_POINT = "io.quarkus.bootstrap.runner.QuarkusEntryPoint";

    private final StackLayout layout;
    private final String bootstrapServers;

    ServiceLaunch(StackLayout layout, String bootstrapServers) {
        this.layout = layout;
        this.bootstrapServers = bootstrapServers;
    }

    ServiceProcess scheduler(Properties overrides) throws IOException {
        Properties props = new Properties();
        props.setProperty("state.dir", layout.schedulerState().toString());
        // results flow on soon after each request, rather than on Kafka Streams' 100 ms EOS default
        props.setProperty("commit.interval.ms", "100");
        props.putAll(overrides);
        Path config = layout.root().resolve("scheduler.properties");
        Files.createDirectories(layout.root());
        try (Writer out = Files.newBufferedWriter(config)) {
            props.store(out, "the scheduler's settings, written at every start of the platform");
        }
        return cli("scheduler", "384m", Map.of(), STOP_GRACE_SECONDS, "service", "scheduler",
                "--bootstrap-servers", bootstrapServers, "--config", config.toString());
    }

    ServiceProcess worker(Pool pool, ModelDirs models, int maxInFlight) {
        String name = "worker-" + pool.wireName();
        return cli(name, "768m", Map.of(), WORKER_STOP_GRACE_SECONDS, "service", "worker",
                "--pool", pool.wireName(), "--bootstrap-servers", bootstrapServers,
                "--max-in-flight", Integer.toString(maxInFlight), "--worker-id", name + "-1",
                "--model", models.main().toAbsolutePath().toString(),
                "--tldr-model", models.tldr() == null ? "none" : models.tldr().toAbsolutePath().toString());
    }

    ServiceProcess sink(String jdbcUrl, String user, String password) {
        return cli("sink", "384m", Map.of("THINKMETER_DB_PASSWORD", password), STOP_GRACE_SECONDS,
                "service", "sink", "--bootstrap-servers", bootstrapServers, "--jdbc-url", jdbcUrl, "--db-user", user);
    }

    /** Ingest, a Quarkus application from its own jar, on a loopback port. */
    ServiceProcess ingest(Path jar, int port, String jdbcUrl, String user, String password, String adminKey,
                          ModelLimits limits) {
        List<String> args = new ArrayList<>(List.of("-Xmx768m",
                "-Dkafka.bootstrap.servers=" + bootstrapServers,
                "-Dquarkus.datasource.jdbc.url=" + jdbcUrl,
                "-Dquarkus.datasource.username=" + user,
                "-Dquarkus.http.host=127.0.0.1",
                "-Dquarkus.http.port=" + port,
                // as `java -jar` would, plus our WatchedMain, so ingest ends with this process even after a kill -9
                "--add-opens", "java.base/java.lang=ALL-UNNAMED",
                "-cp", jar.toAbsolutePath() + File.pathSeparator + codeOf(WatchedMain.class),
                WatchedMain.class.getName(), QUARKUS_ENTRY_POINT));
        return new ServiceProcess("ingest", args, Map.of("QUARKUS_DATASOURCE_PASSWORD", password,
                "THINKMETER_INGEST_ADMIN_KEY", adminKey,
                "THINKMETER_INGEST_MAX_BUDGET", Integer.toString(limits.maxBudget()),
                "THINKMETER_INGEST_MAX_PROBLEM_CHARS", Integer.toString(limits.maxProblemChars())),
                log("ingest"), STOP_GRACE_SECONDS);
    }

    private static String codeOf(Class<?> type) {
        try {
            return Path.of(type.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
        } catch (java.net.URISyntaxException e) {
            throw new IllegalStateException("cannot locate the classes of " + type.getName(), e);
        }
    }

    private ServiceProcess cli(String name, String heap, Map<String, String> environment, int stopGraceSeconds,
                               String... command) {
        List<String> args = new ArrayList<>(List.of("-Xmx" + heap, "-XX:+UseSerialGC",
                "-Dai.djl.offline=true",
                "-Dorg.slf4j.simpleLogger.defaultLogLevel=info",
                "-Dorg.slf4j.simpleLogger.showDateTime=true",
                "-Dorg.slf4j.simpleLogger.log.org.apache.kafka=warn",
                "-Dorg.slf4j.simpleLogger.log.ai.djl=warn",
                "-cp", System.getProperty("java.class.path"),
                "io.thinkmeter.ops.ThinkmeterCli"));
        args.addAll(List.of(command));
        return new ServiceProcess(name, args, environment, log(name), stopGraceSeconds);
    }

    private Path log(String name) {
        return layout.logs().resolve(name + ".log");
    }
}
