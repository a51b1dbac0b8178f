package io.thinkmeter.ops.platform;

import io.thinkmeter.ops.embedded.ChildJvm;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** The ingest service (a Quarkus application) as a child process on a loopback port. */
public final class IngestProcess implements AutoCloseable {

    private final Process process;
    private final String url;
    private final Path log;

    private IngestProcess(Process process, String url, Path log) {
        this.process = process;
        this.url = url;
        this.log = log;
    }

    /** Starts ingest and waits until its readiness check is UP. */
    public static IngestProcess start(Path jar, String bootstrapServers, String jdbcUrl, String adminKey, Path dir)
            throws IOException {
        if (!Files.isRegularFile(jar)) {
            throw new IOException("no ingest application at " + jar.toAbsolutePath()
                    + ": build it with 'mvn -B -DskipTests package' (the thinkmeter launcher does this)");
        }
        int port = ChildJvm.freePort();
        Path log = dir.resolve("ingest.log");
        List<String> args = new ArrayList<>(List.of("-Xmx384m",
                "-Dkafka.bootstrap.servers=" + bootstrapServers,
                "-Dquarkus.datasource.jdbc.url=" + jdbcUrl,
                "-Dquarkus.http.host=127.0.0.1",
                "-Dquarkus.http.port=" + port,
                "-Dthinkmeter.ingest.admin-key=" + adminKey,
                "-jar", jar.toString()));
        Process p = ChildJvm.builder(args, log).start();
        IngestProcess ingest = new IngestProcess(p, "http://127.0.0.1:" + port, log);
        try {
            ingest.awaitReady(Duration.ofSeconds(90));
        } catch (RuntimeException e) {
            ingest.close();
            throw e;
        }
        return ingest;
    }

    public String url() {
        return url;
    }

    private void awaitReady(Duration timeout) {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("ingest exited with " + process.exitValue() + "; see " + log);
            }
            try {
                HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(url + "/q/health/ready"))
                        .timeout(Duration.ofSeconds(2)).build(), HttpResponse.BodyHandlers.ofString());
                if (r.statusCode() == 200) {
                    return;
                }
            } catch (IOException e) {
                // not listening yet
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while starting ingest", e);
            }
            sleep();
        }
        throw new IllegalStateException("ingest was not ready within " + timeout.toSeconds() + " s; see " + log);
    }

    private static void sleep() {
        try {
            Thread.sleep(200);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        ChildJvm.stop(process, 20);
    }
}
