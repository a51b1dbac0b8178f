package io.thinkmeter.ops.platform;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/**
 * Waits for ingest's {@code /q/health/ready}: UP when Kafka and PostgreSQL answer and the pipeline can run
 * work (the scheduler, a worker per pool and the sink have joined their consumer groups). So once it is
 * UP, the whole platform is.
 */
final class IngestReadiness {

    private IngestReadiness() {}

    /** @throws IllegalStateException naming what readiness last said, when it is not UP within the timeout */
    static void await(String url, Duration timeout, Supervised ingest) {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        long deadline = System.nanoTime() + timeout.toNanos();
        String last = "no answer";
        while (System.nanoTime() < deadline) {
            try {
                HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(url + "/q/health/ready"))
                        .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofString());
                if (r.statusCode() == 200) {
                    return;
                }
                last = r.body();
            } catch (IOException e) {
                last = "not listening yet (" + ingest.exit() + ")";
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting for the platform to be ready", e);
            }
            try {
                Thread.sleep(250);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting for the platform to be ready", e);
            }
        }
        throw new IllegalStateException("the platform was not ready within " + timeout.toSeconds() + " s; ingest's "
                + "readiness said: " + last);
    }
}
