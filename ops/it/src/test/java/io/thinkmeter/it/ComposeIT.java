package io.thinkmeter.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.thinkmeter.contracts.BatchViews;
import io.thinkmeter.it.servers.DockerRequirement;
import io.thinkmeter.ops.client.ThinkmeterClient;
import io.thinkmeter.ops.demo.BatchProgress;
import io.thinkmeter.ops.demo.DemoPlan;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.postgresql.ds.PGSimpleDataSource;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

/**
 * docker-compose.yml for real: the service image built from what {@code mvn package} built, the whole file
 * brought up ({@code up -d --wait}) under a project of its own on free host ports, one batch through
 * ingest, its rows and ledger checked in PostgreSQL, every Prometheus target up, then {@code down -v}.
 * It talks to the containers only through the ports compose publishes on 127.0.0.1.
 *
 * <p>Skips when no Docker daemon answers, when there is no compose v2, or when the services are not built.
 * Without a registry the standard images must be present (ops/docker/local-images.sh builds stand-ins).
 */
class ComposeIT {

    private static final String IMAGE = "thinkmeter:0.1.0-SNAPSHOT";
    private static final int PROBLEMS = 24;
    private static final Set<String> SCRAPED = Set.of("ingest:8080", "scheduler:8080", "sink:8080",
            "worker-short:8080", "worker-medium:8080", "worker-long:8080");

    private final Path root = Path.of(System.getProperty("thinkmeter.apps.home", "../..")).toAbsolutePath().normalize();
    private final Map<String, String> env = new HashMap<>();
    private final long t0 = System.nanoTime();

    @Test
    @Timeout(value = 10, unit = TimeUnit.MINUTES)
    void aBatchThroughTheComposedPlatformShouldBeStoredOnceLedgeredAndEveryServiceScraped() throws Exception {
        DockerRequirement.assume(run(Duration.ofSeconds(30), "docker", "info").ok(),
                "no Docker daemon answers `docker info` (ops/docker/install-docker.sh starts one)");
        DockerRequirement.assume(run(Duration.ofSeconds(30), "docker", "compose", "version").ok(),
                "`docker compose version` fails: no compose v2 plugin (ops/docker/install-docker.sh installs it)");
        for (String built : List.of("ingest/target/quarkus-app/quarkus-run.jar", "workers/target/quarkus-app/quarkus-run.jar",
                "scheduler/target/quarkus-app/quarkus-run.jar", "sink/target/quarkus-app/quarkus-run.jar",
                "ops/target/thinkmeter-ops-0.1.0-SNAPSHOT.jar", "ops/target/lib")) {
            DockerRequirement.assume(Files.exists(root.resolve(built)), "not built: " + root.resolve(built) + " (mvn -B package -DskipTests)");
        }
        DemoPlan plan = DemoPlan.build(root.resolve("models/tiny-reasoner/eval.jsonl"), PROBLEMS, true);

        int ingestPort = freePort();
        int postgresPort = freePort();
        int prometheusPort = freePort();
        String adminKey = UUID.randomUUID().toString();
        String superuserPassword = UUID.randomUUID().toString();
        env.put("THINKMETER_INGEST_PORT", Integer.toString(ingestPort));
        env.put("THINKMETER_KAFKA_PORT", Integer.toString(freePort()));
        env.put("THINKMETER_POSTGRES_PORT", Integer.toString(postgresPort));
        env.put("THINKMETER_PROMETHEUS_PORT", Integer.toString(prometheusPort));
        env.put("THINKMETER_ADMIN_KEY", adminKey);
        env.put("THINKMETER_DB_SUPERUSER_PASSWORD", superuserPassword);
        String project = "tmit-" + UUID.randomUUID().toString().substring(0, 8);

        // the file's own build of the service image (its one `build:`, the migrate service)
        Result build = compose(project, Duration.ofMinutes(3), "build");
        assertTrue(build.ok(), "docker compose build of " + IMAGE + " failed:\n" + build.tail(40));
        log("service image built");

        try {
            // the image was built just above: compose pulls and builds nothing
            Result up = compose(project, Duration.ofMinutes(5), "up", "-d", "--wait", "--wait-timeout", "240", "--pull", "never");
            assertTrue(up.ok(), "docker compose up failed:\n" + up.tail(30));
            log("compose up: every service healthy, migrate and topics done");

            String url = "http://127.0.0.1:" + ingestPort;
            String key = ThinkmeterClient.createTenant(url, adminKey, "compose", null);
            ThinkmeterClient client = new ThinkmeterClient(url, key);
            String batch = client.submitBatch(plan.jsonl());
            BatchViews.Status status = BatchProgress.await(client, batch, PROBLEMS, Duration.ofMinutes(4),
                    new PrintStream(OutputStream.nullOutputStream()));
            assertEquals(PROBLEMS, status.counts().done(), status.toString());
            assertEquals(PROBLEMS, client.results(batch).size(), "results over HTTP");
            log("batch of " + PROBLEMS + " done");

            PGSimpleDataSource database = new PGSimpleDataSource();
            database.setURL("jdbc:postgresql://127.0.0.1:" + postgresPort + "/thinkmeter");
            database.setUser("postgres");
            database.setPassword(superuserPassword);
            BatchLedger ledger = new BatchLedger(database, batch);
            // the sink may store the last rows a moment after ingest reports them done
            ledger.awaitResults(PROBLEMS, Duration.ofSeconds(60));
            ledger.assertExactlyOnce(PROBLEMS);
            log("rows and ledger checked");

            everyTargetShouldBeUp(prometheusPort, Duration.ofSeconds(60));
            log("every Prometheus target up");
        } catch (Throwable failure) {
            printLogsOfUnhealthyServices(project);
            throw failure;
        } finally {
            // @Timeout interrupts this thread; the clean-up must still run
            Thread.interrupted();
            // -t: the workers' stop_grace_period (150 s) is for draining work; nothing is in flight here
            Result down = compose(project, Duration.ofMinutes(3), "down", "-v", "--remove-orphans", "-t", "20");
            log("compose down" + (down.ok() ? "" : " FAILED:\n" + down.tail(20)));
        }
    }

    private void everyTargetShouldBeUp(int port, Duration patience) throws Exception {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        ObjectMapper json = new ObjectMapper();
        long deadline = System.nanoTime() + patience.toNanos();
        Map<String, String> health = new TreeMap<>();
        while (true) {
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(
                    URI.create("http://127.0.0.1:" + port + "/api/v1/targets?state=active"))
                    .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(200, response.statusCode(), response.body());
            health.clear();
            for (JsonNode target : json.readTree(response.body()).path("data").path("activeTargets")) {
                health.put(target.path("labels").path("instance").asText(),
                        target.path("health").asText() + " " + target.path("lastError").asText());
            }
            assertEquals(SCRAPED, health.keySet(), "Prometheus's targets");
            if (health.values().stream().allMatch(h -> h.startsWith("up"))) {
                return;
            }
            if (System.nanoTime() > deadline) {
                fail("Prometheus targets not all up after " + patience.toSeconds() + " s: " + health);
            }
            Thread.sleep(1000);
        }
    }

    /** Logs of the services that are neither running healthy nor exited 0; of all of them when none is. */
    private void printLogsOfUnhealthyServices(String project) {
        try {
            Thread.interrupted();
            Result ps = compose(project, Duration.ofSeconds(30), "ps", "-a", "--format",
                    "{{.Service}} {{.State}} {{.Health}} {{.ExitCode}}");
            System.out.println("docker compose ps:\n" + ps.output());
            List<String> unhealthy = new ArrayList<>();
            for (String line : ps.output().split("\n")) {
                String[] f = line.trim().split("\\s+");
                if (f.length < 3) {
                    continue;
                }
                boolean fine = f[1].equals("running") && (f.length == 3 || f[2].equals("healthy"))
                        || f[1].equals("exited") && f[f.length - 1].equals("0");
                if (!fine) {
                    unhealthy.add(f[0]);
                }
            }
            List<String> args = new ArrayList<>(List.of("logs", "--no-color", "--tail", unhealthy.isEmpty() ? "20" : "80"));
            args.addAll(unhealthy);
            System.out.println("docker compose logs " + String.join(" ", unhealthy) + ":\n"
                    + compose(project, Duration.ofSeconds(60), args.toArray(String[]::new)).output());
        } catch (Exception e) {
            System.out.println("could not read the compose logs: " + e);
        }
    }

    private Result compose(String project, Duration limit, String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("docker", "compose", "-p", project, "-f", "docker-compose.yml"));
        command.addAll(List.of(args));
        return run(limit, command.toArray(String[]::new));
    }

    /** Runs a command in the repository root with {@link #env} added; output captured, bounded in time. */
    private Result run(Duration limit, String... command) throws IOException, InterruptedException {
        ProcessBuilder builder = new ProcessBuilder(command).directory(root.toFile()).redirectErrorStream(true);
        builder.environment().putAll(env);
        Path out = Files.createTempFile("compose-it", ".log");
        builder.redirectOutput(out.toFile());
        Process process;
        try {
            process = builder.start();
        } catch (IOException notThere) {
            Files.deleteIfExists(out);
            return new Result(-1, command[0] + ": " + notThere.getMessage()); // e.g. no docker on the PATH
        }
        try {
            boolean exited = process.waitFor(limit.toSeconds(), TimeUnit.SECONDS);
            if (!exited) {
                process.destroyForcibly();
            }
            String output = Files.readString(out, StandardCharsets.UTF_8);
            return new Result(exited ? process.exitValue() : -1,
                    exited ? output : output + "\n(" + String.join(" ", command) + ": killed after " + limit.toSeconds() + " s)");
        } finally {
            Files.deleteIfExists(out);
        }
    }

    private void log(String what) {
        System.out.printf("ComposeIT [%ds] %s%n", TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - t0), what);
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    private record Result(int exit, String output) {
        boolean ok() {
            return exit == 0;
        }

        String tail(int lines) {
            String[] all = output.split("\n");
            return String.join("\n", List.of(all).subList(Math.max(0, all.length - lines), all.length));
        }
    }
}
