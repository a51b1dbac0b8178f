package io.thinkmeter.ops;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.thinkmeter.ops.client.ThinkmeterClient;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;

/**
 * {@code thinkmeter status [BATCH]}: without a batch, whether the platform can run work (ingest's
 * readiness: Kafka, PostgreSQL and each service's consumer group) and, for a local `up`, each server's
 * and service's state as its supervisor sees it; with a batch, its counts by state and tokens spent.
 */
@Command(name = "status", mixinStandardHelpOptions = true,
        description = "Without BATCH: the platform's services and whether it can run work (exit 1 if not). "
                + "With BATCH: the batch's counts by state and tokens spent.")
final class StatusCommand implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "BATCH", arity = "0..1")
    String batch;

    @Mixin
    ClientOptions clientOptions;

    @Override
    public Integer call() throws Exception {
        if (batch != null) {
            System.out.println(clientOptions.client().batchStatus(batch).toPrettyString());
            return 0;
        }
        String url = clientOptions.url();
        if (url == null) {
            throw new IOException("no stack to ask: run `./thinkmeter up` first, or pass --url");
        }
        JsonNode readiness = ThinkmeterClient.readiness(url);
        boolean up = "UP".equals(readiness.path("status").asText());
        System.out.println("platform at " + url + ": " + (up ? "ready" : "NOT READY"));
        for (JsonNode check : readiness.path("checks")) {
            System.out.printf("  %-12s %-5s %s%n", check.path("name").asText(), check.path("status").asText(),
                    check.path("data").isMissingNode() ? "" : check.path("data").toString());
        }
        Path dataDir = ClientOptions.dataDir();
        Path services = dataDir == null ? null : dataDir.resolve("services.json");
        if (services != null && Files.isRegularFile(services)) {
            System.out.println("services (supervised by `thinkmeter up`, " + dataDir + "):");
            System.out.printf("  %-14s %-11s %-8s %-8s %-9s %s%n", "name", "state", "pid", "restarts", "ready",
                    "last exit");
            for (JsonNode s : new ObjectMapper().readTree(services.toFile())) {
                String serviceUrl = s.path("url").isTextual() ? s.path("url").asText() : null;
                System.out.printf("  %-14s %-11s %-8s %-8d %-9s %s%n", s.path("name").asText(), s.path("state").asText(),
                        s.path("pid").asLong() < 0 ? "-" : s.path("pid").asText(), s.path("restarts").asInt(),
                        serviceUrl == null ? "-" : ThinkmeterClient.serviceReadiness(serviceUrl),
                        s.path("last_exit").isNull() ? "-" : s.path("last_exit").asText());
            }
        }
        return up ? 0 : 1;
    }
}
