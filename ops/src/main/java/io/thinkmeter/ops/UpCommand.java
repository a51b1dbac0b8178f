package io.thinkmeter.ops;

import io.thinkmeter.ops.client.ThinkmeterClient;
import io.thinkmeter.ops.platform.Stack;
import io.thinkmeter.ops.platform.StackOptions;
import io.thinkmeter.testkit.CredentialsFile;
import io.thinkmeter.storage.DatabaseSetup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Properties;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;

/**
 * {@code thinkmeter up}: the whole stack on this machine until Ctrl-C, with its addresses printed. Its
 * state lives in a data directory: stopping it and starting it again resumes the queue where it was,
 * with every result kept.
 */
@Command(name = "up", mixinStandardHelpOptions = true,
        description = "Start Kafka, PostgreSQL and every service, print their addresses, and run until Ctrl-C. "
                + "Everything is kept in the data directory: run it again to resume.")
final class UpCommand implements Callable<Integer> {

    @Option(names = "--model", defaultValue = "models/tiny-reasoner")
    Path model;

    @Mixin
    TldrModelOption tldrModel;

    @Mixin
    StackRunOptions stackRun;

    @Option(names = "--tenant", defaultValue = "default", description = "tenant created with an API key on first start")
    String tenant;

    @Option(names = "--data-dir", defaultValue = "${env:THINKMETER_DATA_DIR:-.thinkmeter/data}",
            description = "where Kafka's log, PostgreSQL's data, the secrets and the logs are kept "
                    + "(default: ${DEFAULT-VALUE}, or THINKMETER_DATA_DIR)")
    Path dataDir;


    @Override
    public Integer call() throws Exception {
        boolean resuming = Files.isDirectory(dataDir.resolve("postgres"));
        System.err.println("thinkmeter up: " + (resuming ? "resuming from " : "starting in ") + dataDir.toAbsolutePath());
        Stack stack = Stack.start(StackOptions.withIngest(dataDir, tldrModel.besides(model), stackRun.apps(), stackRun.maxInFlight), line -> System.err.println("thinkmeter up: " + Instant.now() + " " + line));
        CountDownLatch stopped = new CountDownLatch(1);
        ServicesFile services = new ServicesFile(stack.platform());
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            System.err.println("thinkmeter up: stopping (in-flight requests finish first; the data stays in "
                    + dataDir.toAbsolutePath() + ")...");
            services.close();
            stack.close();
            try {
                Files.deleteIfExists(ClientOptions.STACK_FILE);
            } catch (java.io.IOException ignored) {
                // a stale file only points at a stopped stack; the next `up` overwrites it
            }
            stopped.countDown();
        }, "up-shutdown"));
        String apiKey = tenantKey(stack);
        ClientOptions.writeStackFile(stack, tenant, apiKey, dataDir);
        System.out.println("Thinkmeter is up (Ctrl-C stops it; `./thinkmeter up` again resumes):");
        System.out.println("  HTTP (ingest)  " + stack.url() + "   tenant '" + tenant + "', API key " + apiKey);
        System.out.println("  admin key      " + stack.adminKey() + "   (X-Admin-Key for POST /v1/tenants)");
        System.out.println("  Kafka          " + stack.platform().bootstrapServers());
        System.out.println("  PostgreSQL     " + stack.platform().jdbcUrl() + "   (user " + DatabaseSetup.SERVICE_LOGIN
                + "; passwords in " + stack.platform().layout().secrets() + ")");
        System.out.println("  data           " + dataDir.toAbsolutePath() + "   (logs in "
                + stack.platform().layout().logs() + ")");
        System.out.println("  written to     " + ClientOptions.STACK_FILE + " for submit, status and report");
        stopped.await();
        return 0;
    }

    /** The tenant's key: created with the tenant on first start, kept in the secrets file for the next. */
    private String tenantKey(Stack stack) throws java.io.IOException {
        CredentialsFile secrets = stack.platform().secrets();
        String name = "api-key." + tenant;
        String kept = secrets.get(name);
        if (kept != null) {
            return kept;
        }
        String created = ThinkmeterClient.createTenant(stack.url(), stack.adminKey(), tenant, null);
        secrets.put(name, created);
        return created;
    }
}
