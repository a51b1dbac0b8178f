package io.thinkmeter.ops;

import io.thinkmeter.contracts.Json;
import io.thinkmeter.ops.client.Readiness;
import io.thinkmeter.ops.client.ThinkmeterClient;
import io.thinkmeter.ops.platform.ServiceStatus;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
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
            System.out.println(Json.forFiles().writeValueAsString(clientOptions.client().batchStatus(batch)));
            return 0;
        }
        String url = clientOptions.url();
        if (url == null) {
            throw new IOException("no stack to ask: run `./thinkmeter up` first, or pass --url");
        }
        Readiness readiness = ThinkmeterClient.readiness(url);
        boolean up = readiness.up();
        System.out.println("platform at " + url + ": " + (up ? "ready" : "NOT READY"));
        for (Readiness.Check check : readiness.checks() == null ? List.<Readiness.Check>of() : readiness.checks()) {
            System.out.printf("  %-12s %-5s %s%n", check.name(), check.status(),
                    check.data() == null ? "" : Json.text(check.data()));
        }
        Path dataDir = ClientOptions.dataDir();
        Path services = dataDir == null ? null : dataDir.resolve("services.json");
        if (services != null && Files.isRegularFile(services)) {
            System.out.println("services (supervised by `thinkmeter up`, " + dataDir + "):");
            System.out.printf("  %-14s %-11s %-8s %-8s %-9s %s%n", "name", "state", "pid", "restarts", "ready",
                    "last exit");
            for (ServiceStatus s : Json.forServices().readValue(services.toFile(), ServiceStatus[].class)) {
                System.out.printf("  %-14s %-11s %-8s %-8d %-9s %s%n", s.name(), s.state(),
                        s.pid() < 0 ? "-" : Long.toString(s.pid()), s.restarts(),
                        s.url() == null ? "-" : ThinkmeterClient.serviceReadiness(s.url()),
                        s.lastExit() == null ? "-" : s.lastExit());
            }
        }
        return up ? 0 : 1;
    }
}
