package io.thinkmeter.ops;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.thinkmeter.ops.client.ThinkmeterClient;
import io.thinkmeter.ops.platform.Stack;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;

/** {@code thinkmeter up}: the whole stack on this machine until Ctrl-C, with its addresses printed. */
@Command(name = "up", mixinStandardHelpOptions = true,
        description = "Start Kafka, PostgreSQL and every service, print their addresses, and run until Ctrl-C.")
final class UpCommand implements Callable<Integer> {

    @Option(names = "--model", defaultValue = "models/tiny-reasoner")
    Path model;

    @Mixin
    TldrModelOption tldrModel;

    @Option(names = "--max-in-flight", defaultValue = "16")
    int maxInFlight;

    @Option(names = "--tenant", defaultValue = "default", description = "tenant created with an API key")
    String tenant;

    @Option(names = "--ingest-jar", defaultValue = "ingest/target/quarkus-app/quarkus-run.jar")
    Path ingestJar;

    @Override
    public Integer call() throws Exception {
        Path dir = Files.createTempDirectory("thinkmeter-up");
        Stack stack = Stack.start(dir, tldrModel.besides(model), ingestJar, maxInFlight, new Properties());
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            System.err.println("thinkmeter up: stopping (in-flight requests finish first)...");
            stack.close();
            try {
                Files.deleteIfExists(ClientOptions.STACK_FILE);
            } catch (java.io.IOException ignored) {
                // a stale file only points at a stopped stack; the next `up` overwrites it
            }
            stopped.countDown();
        }, "up-shutdown"));
        String apiKey = ThinkmeterClient.createTenant(stack.url(), stack.adminKey(), tenant, null);
        ObjectNode info = new ObjectMapper().createObjectNode()
                .put("url", stack.url()).put("api_key", apiKey).put("tenant", tenant)
                .put("admin_key", stack.adminKey())
                .put("kafka", stack.platform().bootstrapServers()).put("jdbc", stack.platform().jdbcUrl());
        Files.createDirectories(ClientOptions.STACK_FILE.getParent());
        Files.writeString(ClientOptions.STACK_FILE, info.toPrettyString());
        System.out.println("Thinkmeter is up (Ctrl-C stops it):");
        System.out.println("  HTTP (ingest)  " + stack.url() + "   tenant '" + tenant + "', API key " + apiKey);
        System.out.println("  admin key      " + stack.adminKey() + "   (X-Admin-Key for POST /v1/tenants)");
        System.out.println("  Kafka          " + stack.platform().bootstrapServers());
        System.out.println("  PostgreSQL     " + stack.platform().jdbcUrl() + "   (user postgres)");
        System.out.println("  written to     " + ClientOptions.STACK_FILE + " for submit, status and report");
        stopped.await();
        return 0;
    }
}
