package io.thinkmeter.ops;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.thinkmeter.contracts.Json;
import io.thinkmeter.contracts.Method;
import io.thinkmeter.contracts.Pool;
import io.thinkmeter.contracts.ProblemResult;
import io.thinkmeter.contracts.StopReason;
import io.thinkmeter.contracts.Timings;
import io.thinkmeter.contracts.Topics;
import io.thinkmeter.migrations.Migrations;
import io.thinkmeter.storage.ResultSink;
import io.thinkmeter.testkit.EmbeddedKafka;
import io.thinkmeter.testkit.EmbeddedPostgres;
import io.thinkmeter.testkit.Queries;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.RecordsToDelete;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import javax.sql.DataSource;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code thinkmeter audit verify} end to end: results on a real broker's topic and in a real PostgreSQL,
 * checked through an auditor's login: whole, then with a result the database never got and a ledger row
 * changed by its owner.
 */
class AuditCommandTest {

    private static final String AUDITOR = "audit_cli_carol";

    record Run(int rc, List<String> lines, String err) {}

    @Test
    void shouldPassAWholeLedgerAndNameEachDiscrepancyOtherwise(@TempDir Path dir) throws Exception {
        try (EmbeddedKafka kafka = EmbeddedKafka.start(dir.resolve("kafka"));
             EmbeddedPostgres pg = EmbeddedPostgres.start()) {
            DataSource db = ledgerWithAuditor(kafka, pg);
            List<ProblemResult> results = new ArrayList<>();
            for (int i = 0; i < 12; i++) {
                results.add(result("r-" + i, i % 2 == 0 ? "acme" : "globex", 20 + i));
            }
            new ResultSink(db).storeAll(results);
            produce(kafka, results, "{not a result");

            Run whole = verify(pg, kafka);
            assertEquals(0, whole.rc(), whole.lines() + whole.err());
            assertEquals(1, whole.lines().size(), whole.lines().toString());
            assertTrue(whole.lines().get(0).startsWith("ledger whole: 2 tenants, 12 results on the topic (0 refused by "
                    + "storage), 12 results rows, 12 ledger rows (12 chained, 0 unchained from before V12); 1 records "
                    + "on the results topic are not readable results"), whole.lines().get(0));

            produce(kafka, List.of(result("ghost-1", "acme", 5)));
            Queries.execute(db, "ALTER TABLE token_ledger DISABLE TRIGGER USER; "
                    + "UPDATE token_ledger SET thinking_tokens = 0 WHERE request_id = 'r-3'; "
                    + "ALTER TABLE token_ledger ENABLE TRIGGER USER");

            Run broken = verify(pg, kafka);
            assertEquals(1, broken.rc(), broken.lines() + broken.err());
            String printed = String.join("\n", broken.lines());
            assertTrue(printed.contains("request ghost-1 (tenant acme): on the results topic (prompt 10, thinking 5, "
                    + "answer 3, injected 0, generated 8) but has no results row"), printed);
            assertTrue(printed.contains("request r-3 (tenant globex, chain_seq 3): row_hash does not match"), printed);
            assertTrue(printed.contains("request r-3 (tenant globex, chain_seq 3): ledger row has prompt 10, thinking 0"),
                    printed);
            assertTrue(broken.lines().get(broken.lines().size() - 1).contains(" discrepancies: 2 tenants, 13 results"),
                    printed);
        }
    }

    /**
     * Kafka deletes a topic's oldest records with its retention (7 days by default): rows whose results are gone
     * from the topic are counted as beyond its retention, not reported as missing, and the ledger still passes.
     */
    @Test
    void shouldPassALedgerOlderThanTheResultsTopicsRetention(@TempDir Path dir) throws Exception {
        try (EmbeddedKafka kafka = EmbeddedKafka.start(dir.resolve("kafka"));
             EmbeddedPostgres pg = EmbeddedPostgres.start()) {
            DataSource db = ledgerWithAuditor(kafka, pg);
            List<ProblemResult> old = new ArrayList<>();
            for (int i = 0; i < 9; i++) {
                old.add(result("old-" + i, "acme", 20 + i));
            }
            new ResultSink(db).storeAll(old);
            produce(kafka, old);
            try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers()))) {
                Map<TopicPartition, RecordsToDelete> everything = new HashMap<>();
                for (int p = 0; p < 3; p++) {
                    TopicPartition tp = new TopicPartition(Topics.RESULTS, p);
                    long end = admin.listOffsets(Map.of(tp, OffsetSpec.latest())).partitionResult(tp).get().offset();
                    everything.put(tp, RecordsToDelete.beforeOffset(end));
                }
                admin.deleteRecords(everything).all().get(); // as retention would, a week later
            }
            List<ProblemResult> fresh = List.of(result("new-1", "acme", 7), result("new-2", "acme", 8));
            produce(kafka, fresh);
            new ResultSink(db).storeAll(fresh);

            Run aged = verify(pg, kafka);
            assertEquals(0, aged.rc(), aged.lines() + aged.err());
            assertTrue(aged.lines().get(0).startsWith("ledger whole: 1 tenants, 2 results on the topic (0 refused by "
                    + "storage), 11 results rows, 11 ledger rows (11 chained, 0 unchained from before V12); 9 results "
                    + "rows older than the results topic's retention, checked against the ledger only"),
                    aged.lines().get(0));

            Queries.execute(db, "ALTER TABLE token_ledger DISABLE TRIGGER USER; "
                    + "DELETE FROM token_ledger WHERE request_id = 'old-4'; ALTER TABLE token_ledger ENABLE TRIGGER USER");
            Run tampered = verify(pg, kafka);
            assertEquals(1, tampered.rc(), tampered.lines() + tampered.err());
            assertTrue(String.join("\n", tampered.lines()).contains("request old-4 (tenant acme): results row"),
                    tampered.lines().toString());
        }
    }

    /** The results topic and a migrated database with the auditor's login, as a deployment has them. */
    private static DataSource ledgerWithAuditor(EmbeddedKafka kafka, EmbeddedPostgres pg) throws Exception {
        kafka.createTopics(List.of(Topics.RESULTS), 3);
        DataSource db = pg.database("audit");
        Migrations.migrate(db);
        Queries.execute(db, "CREATE ROLE " + AUDITOR + " LOGIN PASSWORD 'carols-password'; GRANT thinkmeter_auditor TO "
                + AUDITOR);
        return db;
    }

    private static Run verify(EmbeddedPostgres pg, EmbeddedKafka kafka) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cli = ThinkmeterCli.commandLine();
        cli.setOut(new PrintWriter(out));
        cli.setErr(new PrintWriter(err));
        int rc = cli.execute("audit", "verify", "--jdbc-url", pg.jdbcUrl("audit"), "--user", AUDITOR,
                "--password", "carols-password", "--bootstrap-servers", kafka.bootstrapServers());
        return new Run(rc, out.toString().lines().toList(), err.toString());
    }

    private static ProblemResult result(String id, String tenant, int thinking) {
        Instant finished = Instant.parse("2026-03-02T10:00:30Z");
        return new ProblemResult(ProblemResult.SCHEMA_VERSION, id, null, tenant, null, null, "1", "t", "a", 10,
                thinking, 3, 0, thinking + 3, 200, StopReason.NATURAL, "tiny-reasoner", Method.NONE, null, null,
                Pool.SHORT, "w", new Timings(finished.minusSeconds(30), null, finished, null, null), null, "key-" + tenant);
    }

    private static void produce(EmbeddedKafka kafka, List<ProblemResult> results, String... garbage) throws Exception {
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers()),
                new StringSerializer(), new StringSerializer())) {
            for (ProblemResult r : results) {
                producer.send(new ProducerRecord<>(Topics.RESULTS, r.requestId(), Json.forServices().writeValueAsString(r))).get();
            }
            for (String g : garbage) {
                producer.send(new ProducerRecord<>(Topics.RESULTS, "garbage", g)).get();
            }
        }
    }
}
