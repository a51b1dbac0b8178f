package io.thinkmeter.ops;

import io.thinkmeter.ops.audit.ResultsTopic;
import io.thinkmeter.storage.AuditReport;
import io.thinkmeter.storage.DatabaseLogin;
import io.thinkmeter.storage.Discrepancy;
import io.thinkmeter.storage.LedgerAudit;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.time.Duration;
import java.util.concurrent.Callable;

/**
 * {@code thinkmeter audit verify}: the auditor's proof that the token ledger is whole, run with an
 * auditor's login (a member of thinkmeter_auditor, which reads the audit views only) and the broker.
 */
@Command(name = "audit", mixinStandardHelpOptions = true,
        description = "The auditor's checks of the token ledger.",
        subcommands = {AuditCommand.Verify.class})
final class AuditCommand {

    @Command(name = "verify", mixinStandardHelpOptions = true,
            description = "Recompute every tenant's ledger hash chain and reconcile the ledger with the results table "
                    + "and the results topic (read from its beginning to its current end). Prints each discrepancy, "
                    + "one a line, then a summary; exit 1 if there is any, 0 when the ledger is whole. Run it when "
                    + "the sink has caught up: a result it has not stored yet reads as missing.")
    static final class Verify implements Callable<Integer> {

        @Spec
        CommandLine.Model.CommandSpec spec;

        @Option(names = "--jdbc-url", required = true, description = "the database: jdbc:postgresql://host:port/db")
        String jdbcUrl;

        @Option(names = "--user", required = true, description = "a login that is a member of thinkmeter_auditor")
        String user;

        @Option(names = "--password", defaultValue = "${env:THINKMETER_AUDITOR_PASSWORD}",
                description = "its password; default: the environment's THINKMETER_AUDITOR_PASSWORD")
        String password;

        @Option(names = "--bootstrap-servers", required = true, description = "the Kafka broker: HOST:9092")
        String bootstrapServers;

        @Option(names = "--kafka-patience-seconds", defaultValue = "60",
                description = "how long to wait on the broker without progress (default: ${DEFAULT-VALUE})")
        int patienceSeconds;

        @Override
        public Integer call() {
            if (password == null) {
                throw new CommandLine.ParameterException(spec.commandLine(),
                        "the auditor's password is needed: --password (or THINKMETER_AUDITOR_PASSWORD)");
            }
            AuditReport report;
            long unreadable;
            try (ResultsTopic topic = new ResultsTopic(bootstrapServers, Duration.ofSeconds(patienceSeconds))) {
                report = new LedgerAudit(new DatabaseLogin(user, password).dataSource(jdbcUrl)).verify(topic, topic);
                unreadable = topic.unreadable();
            }
            var out = spec.commandLine().getOut();
            for (Discrepancy d : report.discrepancies()) {
                out.println(d);
            }
            for (Discrepancy r : report.refused()) {
                out.println("note: " + r);
            }
            out.println(report.summary() + (unreadable == 0 ? "" : "; " + unreadable
                    + " records on the results topic are not readable results (dead-lettered by the sink)"));
            out.flush();
            return report.whole() ? 0 : 1;
        }
    }
}
