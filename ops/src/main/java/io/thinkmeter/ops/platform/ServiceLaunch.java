package io.thinkmeter.ops.platform;

import io.thinkmeter.contracts.Pool;
import io.thinkmeter.testkit.WatchedMain;

import java.io.File;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.nio.file.Path;
import java.util.Properties;

/**
 * How each platform service is started as its own process: its Quarkus application, as an operator (and
 * docker-compose) runs it, configured by system properties, with secrets passed in the environment rather
 * than on the command line.
 */
final class ServiceLaunch {

    /** A worker finishes its in-flight requests on SIGTERM; the tiny model's take seconds. */
    private static final int WORKER_STOP_GRACE_SECONDS = 60;
    private static final int STOP_GRACE_SECONDS = 20;

    /** The Main-Class of a Quarkus fast-jar's quarkus-run.jar. */
    private static final String QUARKUS_ENTRY_POINT = "io.quarkus.bootstrap.runner.QuarkusEntryPoint";

    private final StackLayout layout;
    private final ServiceApps apps;
    private final String bootstrapServers;

    ServiceLaunch(StackLayout layout, ServiceApps apps, String bootstrapServers) {
        this.layout = layout;
        this.apps = apps;
        this.bootstrapServers = bootstrapServers;
    }

    ServiceProcess scheduler(Properties overrides, int httpPort) throws IOException {
        List<String> settings = new ArrayList<>(List.of(
                "-Dthinkmeter.scheduler.state-dir=" + layout.schedulerState(),
                // results flow on soon after each request
                "-Dthinkmeter.scheduler.commit-interval=100ms"));
        for (String key : overrides.stringPropertyNames()) {
            settings.add("-D" + key + "=" + overrides.getProperty(key));
        }
        return quarkus("scheduler", ServiceApps.SCHEDULER, "384m", httpPort, Map.of(), STOP_GRACE_SECONDS, settings);
    }

    ServiceProcess worker(Pool pool, ModelDirs models, int maxInFlight, int httpPort) throws IOException {
        String name = "worker-" + pool.wireName();
        List<String> settings = new ArrayList<>(List.of(
                "-Dthinkmeter.worker.pool=" + pool.wireName(),
                "-Dthinkmeter.worker.max-in-flight=" + maxInFlight,
                "-Dthinkmeter.worker.id=" + name + "-1",
                "-Dthinkmeter.worker.model-dir=" + models.main().toAbsolutePath()));
        if (models.tldr() != null) {
            settings.add("-Dthinkmeter.worker.tldr-model-dir=" + models.tldr().toAbsolutePath());
        }
        return quarkus(name, ServiceApps.WORKER, "768m", httpPort, Map.of(), WORKER_STOP_GRACE_SECONDS, settings);
    }

    ServiceProcess sink(String jdbcUrl, String user, String password, int httpPort) throws IOException {
        return quarkus("sink", ServiceApps.SINK, "384m", httpPort, Map.of("THINKMETER_SINK_DB_PASSWORD", password),
                STOP_GRACE_SECONDS, List.of("-Dthinkmeter.sink.jdbc-url=" + jdbcUrl, "-Dthinkmeter.sink.db-user=" + user));
    }

    /**
     * Ingest, the HTTP front door, on its port, told the workers' models: {@code GET /v1/models} lists them
     * and chat conversations are checked with their templates.
     */
    ServiceProcess ingest(int port, String jdbcUrl, String user, String password, String adminKey,
                          ModelDirs models, ModelLimits limits) throws IOException {
        List<String> settings = new ArrayList<>(List.of(
                "-Dquarkus.datasource.jdbc.url=" + jdbcUrl, "-Dquarkus.datasource.username=" + user,
                "-Dthinkmeter.ingest.model-dir=" + models.main().toAbsolutePath()));
        if (models.tldr() != null) {
            settings.add("-Dthinkmeter.ingest.tldr-model-dir=" + models.tldr().toAbsolutePath());
        }
        return quarkus("ingest", ServiceApps.INGEST, "768m", port,
                Map.of("QUARKUS_DATASOURCE_PASSWORD", password,
                        "THINKMETER_INGEST_ADMIN_KEY", adminKey,
                        "THINKMETER_INGEST_MAX_BUDGET", Integer.toString(limits.maxBudget()),
                        "THINKMETER_INGEST_MAX_PROBLEM_CHARS", Integer.toString(limits.maxProblemChars())),
                STOP_GRACE_SECONDS, settings);
    }

    /**
     * A service's Quarkus application from its own jar, as {@code java -jar} runs it, plus our WatchedMain so it
     * ends with this process even after a kill -9. Health and metrics on {@code 127.0.0.1:httpPort/q/...}.
     */
    private ServiceProcess quarkus(String name, String module, String heap, int httpPort,
                                   Map<String, String> environment, int stopGraceSeconds, List<String> settings)
            throws IOException {
        List<String> args = new ArrayList<>(List.of("-Xmx" + heap, "-XX:+UseSerialGC",
                "-Dai.djl.offline=true",
                "-Dkafka.bootstrap.servers=" + bootstrapServers,
                "-Dquarkus.http.host=127.0.0.1",
                "-Dquarkus.http.port=" + httpPort));
        args.addAll(settings);
        args.addAll(List.of("--add-opens", "java.base/java.lang=ALL-UNNAMED",
                "-cp", apps.jar(module).toAbsolutePath() + File.pathSeparator + codeOf(WatchedMain.class),
                WatchedMain.class.getName(), QUARKUS_ENTRY_POINT));
        return new ServiceProcess(name, args, environment, log(name), stopGraceSeconds);
    }

    private static String codeOf(Class<?> type) {
        try {
            return Path.of(type.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
        } catch (java.net.URISyntaxException e) {
            throw new IllegalStateException("cannot locate the classes of " + type.getName(), e);
        }
    }

    private Path log(String name) {
        return layout.logs().resolve(name + ".log");
    }
}
