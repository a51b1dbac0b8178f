package io.thinkmeter.ops;

import io.thinkmeter.ops.audit.AuditorCheck;
import io.thinkmeter.ops.client.ThinkmeterClient;
import io.thinkmeter.storage.AuditReport;
import io.thinkmeter.ops.demo.BatchProgress;
import io.thinkmeter.ops.demo.DemoPlan;
import io.thinkmeter.ops.demo.DemoReport;
import io.thinkmeter.ops.platform.ModelDirs;
import io.thinkmeter.ops.platform.Stack;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Properties;
import java.util.concurrent.Callable;

/**
 * {@code thinkmeter demo}: starts a real Kafka broker, a real PostgreSQL and every service, submits the
 * tiny model's demo set through ingest as one batch with mixed budgets and methods, waits with a
 * progress bar, and prints a table per pool and method from the results stored in PostgreSQL.
 */
@Command(name = "demo", mixinStandardHelpOptions = true,
        description = "Run the whole platform on this machine on the demo set and print a table per pool and method.")
final class DemoCommand implements Callable<Integer> {

    @Option(names = "--model", defaultValue = "models/tiny-reasoner")
    Path model;

    @Mixin
    TldrModelOption tldrModel;

    @Option(names = "--problems", defaultValue = "120", description = "demo problems (default: ${DEFAULT-VALUE})")
    int problems;

    @Mixin
    StackRunOptions stackRun;


    @Option(names = "--json", description = "print one JSON object instead of the table")
    boolean json;

    @Override
    public Integer call() throws Exception {
        ModelDirs models = tldrModel.besides(model);
        DemoPlan plan = DemoPlan.build(model.resolve("eval.jsonl"), problems, models.tldr() != null);
        Path dir = Files.createTempDirectory("thinkmeter-demo");
        System.err.println("thinkmeter demo: starting Kafka, PostgreSQL, ingest, scheduler, 3 workers and the sink...");
        try (Stack stack = Stack.start(dir, models, stackRun.apps(), stackRun.maxInFlight, new Properties())) {
            String apiKey = ThinkmeterClient.createTenant(stack.url(), stack.adminKey(), "demo", null);
            ThinkmeterClient client = new ThinkmeterClient(stack.url(), apiKey);
            String batch = client.submitBatch(plan.jsonl());
            System.err.println("thinkmeter demo: batch " + batch + " of " + plan.items().size() + " problems accepted");
            BatchProgress.await(client, batch, plan.items().size(), Duration.ofMinutes(20), System.err);
            DemoReport report = new DemoReport(plan.items().size(), client.results(batch), plan.goldByClientId());
            // the auditor's proof, with the auditor's rights only: every result charged once, the chain intact
            AuditReport audit = AuditorCheck.verify(stack.platform(), Duration.ofSeconds(30));
            audit.discrepancies().forEach(d -> System.err.println("thinkmeter demo: " + d));
            System.err.println("thinkmeter demo: audit verify: " + audit.summary());
            System.out.print(json ? report.json() + "\n" : report.table());
            return audit.whole() ? 0 : 1;
        }
    }
}
