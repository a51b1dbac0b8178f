package io.thinkmeter.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.thinkmeter.contracts.BudgetWindow;
import io.thinkmeter.contracts.ConsumerGroups;
import io.thinkmeter.contracts.Pool;
import io.thinkmeter.contracts.Topics;
import io.thinkmeter.ops.audit.AuditorCheck;
import io.thinkmeter.ops.client.ThinkmeterClient;
import io.thinkmeter.ops.demo.DemoPlan;
import io.thinkmeter.ops.platform.ModelDirs;
import io.thinkmeter.ops.platform.ServiceStatus;
import io.thinkmeter.ops.platform.Stack;
import io.thinkmeter.ops.platform.StackOptions;
import io.thinkmeter.storage.AuditReport;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Properties;
import java.util.concurrent.TimeUnit;

/**
 * The chaos suite: a 500-problem batch per fault, and mid-batch (a tenth of its results stored) one
 * part of the platform is killed with SIGKILL, as a crash would: a worker, the sink, the scheduler,
 * PostgreSQL, the Kafka broker (a process, or with containers {@code docker kill}: {@link ItStack#servers()}).
 * The supervisor starts it again. After each, every accepted request has
 * exactly one result row and one ledger row, and the ledger's sums equal the results'.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@Timeout(value = 20, unit = TimeUnit.MINUTES)
class ChaosIT {

    private static final int PROBLEMS = 500;

    @TempDir
    static Path dir;
    private static Stack stack;
    private static ThinkmeterClient client;
    private static DemoPlan plan;

    @BeforeAll
    static void start() throws Exception {
        plan = DemoPlan.build(ItStack.model().resolve("eval.jsonl"), PROBLEMS);
        stack = Stack.start(new StackOptions(dir.resolve("data"), ModelDirs.only(ItStack.model()), ItStack.apps(), true,
                16, new Properties()).withServers(ItStack.servers()), line -> System.out.println("supervisor: " + line));
        String key = ThinkmeterClient.createTenant(stack.url(), stack.adminKey(), "chaos", null);
        client = new ThinkmeterClient(stack.url(), key);
    }

    @AfterAll
    static void stop() {
        if (stack != null) {
            stack.close();
        }
    }

    @Order(1)
    @ParameterizedTest(name = "{0} killed -9 mid-batch")
    @ValueSource(strings = {"worker-medium", "sink", "scheduler", "postgres", "kafka"})
    void everyAcceptedRequestShouldHaveExactlyOneResultAndOneLedgerRow(String victim) throws Exception {
        int restartsBefore = stack.platform().service(victim).restarts();
        String batch = client.submitBatch(plan.jsonl());
        BatchLedger ledger = new BatchLedger(stack.platform().database(), batch);
        awaitMidBatch(victim, ledger);

        stack.platform().kill(victim);

        ledger.awaitResults(PROBLEMS, Duration.ofMinutes(6));
        ledger.assertExactlyOnce(PROBLEMS);
        ServiceStatus after = awaitRestart(victim, restartsBefore);
        assertEquals(ServiceStatus.RUNNING, after.state(), after.toString());
    }

    /**
     * Waits for the moment that makes the kill hurt: a worker while its pool has work queued and in
     * flight; the scheduler while it routes the batch (right after it is accepted); the sink, PostgreSQL
     * and the broker once a tenth of the results are stored.
     */
    private static void awaitMidBatch(String victim, BatchLedger ledger) throws Exception {
        if (victim.equals("scheduler")) {
            return;
        }
        if (victim.startsWith("worker-")) {
            awaitLag(victim.substring("worker-".length()), 20);
            return;
        }
        ledger.awaitResults(PROBLEMS / 10, Duration.ofMinutes(3));
    }

    private static void awaitLag(String pool, long atLeast) throws Exception {
        Pool p = Pool.fromWireName(pool);
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(3);
        while (System.nanoTime() < deadline) {
            if (stack.platform().lag(ConsumerGroups.workers(p), Topics.work(p)) >= atLeast) {
                return;
            }
            Thread.sleep(50);
        }
        throw new AssertionError("pool " + pool + " never had " + atLeast + " requests waiting");
    }

    private static ServiceStatus awaitRestart(String victim, int restartsBefore) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(2);
        ServiceStatus status = stack.platform().service(victim);
        while (System.nanoTime() < deadline) {
            status = stack.platform().service(victim);
            if (status.restarts() > restartsBefore && ServiceStatus.RUNNING.equals(status.state())) {
                return status;
            }
            Thread.sleep(100);
        }
        throw new AssertionError(victim + " was not restarted by the supervisor: " + status);
    }

    @Order(2)
    @Test
    void noRecordWasDeadLetteredAndTheWholeLedgerAddsUp() {
        BatchLedger all = new BatchLedger(stack.platform().database(), null);
        assertEquals(all.count("SELECT count(*) FROM results"), all.count("SELECT count(*) FROM token_ledger"));
        assertEquals(all.count("SELECT coalesce(sum(generated_tokens), 0) FROM results"),
                all.count("SELECT coalesce(sum(generated_tokens), 0) FROM token_ledger"));
        assertEquals(5L * PROBLEMS, all.count("SELECT count(*) FROM results"));
        assertEquals(0, all.count("SELECT count(*) FROM rejections"));
    }

    /**
     * After five kills, the scheduler's books (rebuilt from their changelogs, exactly once) agree with the
     * ledger to the token, nothing is left reserved, and the auditor's proof holds: chain intact, every result
     * charged once.
     */
    @Order(3)
    @Test
    void theSchedulersBooksShouldEqualTheLedgerAndTheLedgerShouldVerifyWhole() throws Exception {
        BatchLedger all = new BatchLedger(stack.platform().database(), null);
        String month;
        long settled;
        long reserved;
        long ledger;
        // the sink and the scheduler read the results topic each at its own pace: wait for the scheduler to catch up
        long deadline = System.nanoTime() + Duration.ofMinutes(3).toNanos();
        do {
            month = BudgetWindow.MONTH.periodOf(Instant.now());
            String metrics = SpendChecks.metrics(stack, "scheduler");
            settled = SpendChecks.gauge(metrics, "thinkmeter_scheduler_budget_settled_tokens", "chaos", "month");
            reserved = SpendChecks.gauge(metrics, "thinkmeter_scheduler_budget_reserved_tokens", "chaos", "month");
            ledger = all.count("SELECT coalesce(sum(prompt_tokens + generated_tokens), 0) FROM token_ledger"
                    + " WHERE tenant_id = 'chaos' AND to_char(budget_day, 'YYYY-MM') = '" + month + "'");
            if (settled == ledger && reserved == 0 || System.nanoTime() > deadline) {
                break;
            }
            Thread.sleep(500);
        } while (true);
        assertEquals(month, BudgetWindow.MONTH.periodOf(Instant.now()), "the month ended while reading: run again");
        assertEquals(ledger, settled, "the scheduler settled exactly what the ledger charged");
        assertEquals(0, reserved, "every reservation was settled");

        AuditReport audit = AuditorCheck.verify(stack.platform(), Duration.ofSeconds(30));
        assertTrue(audit.whole(), audit.summary() + ": " + audit.discrepancies());
        assertEquals(5L * PROBLEMS, audit.ledgerRows(), audit.summary());
    }
}
