package io.thinkmeter.sink;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Ingest and the scheduler write in Kafka transactions; what an aborted one wrote must never be stored. */
class StorageSinkReadCommittedIT {

    @Test
    @Timeout(value = 3, unit = TimeUnit.MINUTES)
    void shouldNeverStoreTheRecordsOfAnAbortedTransaction(@TempDir Path dir) throws Exception {
        try (SinkHarness harness = SinkHarness.start(dir);
             KafkaProducer<String, String> ingest = harness.transactionalProducer("ingest-like")) {
            SinkHarness.Running sink = harness.startSink();
            write(ingest, "kept", true);
            write(ingest, "aborted", false);
            write(ingest, "later", true);

            // caught up means past the last transaction's marker on every partition: all read, none pending
            harness.awaitCaughtUp(Duration.ofMinutes(1));
            assertEquals(12, harness.count("SELECT count(*) FROM requests"));
            assertEquals(0, harness.count("SELECT count(*) FROM requests WHERE id LIKE 'aborted-%'"));
            assertEquals(6, harness.count("SELECT count(*) FROM results"));
            assertEquals(0, harness.count("SELECT count(*) FROM token_ledger WHERE request_id LIKE 'aborted-%'"));
            assertEquals(List.of("kept", "later"), List.of(
                    harness.text("SELECT string_agg(id, ',' ORDER BY id) FROM batches").split(",")));
            assertEquals(List.of(), harness.deadLetters());
            sink.stop();
        }
    }

    /** A batch, a request on each partition twice over, and results for the first half, in one transaction. */
    private static void write(KafkaProducer<String, String> producer, String prefix, boolean commit) {
        producer.beginTransaction();
        producer.send(SinkRecords.batch(SinkRecords.batch(prefix, 6)));
        for (int i = 0; i < 6; i++) {
            String id = prefix + "-" + i;
            producer.send(SinkRecords.submitted(SinkRecords.request(id), i % SinkHarness.PARTITIONS));
            if (i < 3) {
                producer.send(SinkRecords.result(SinkRecords.result(id)));
            }
        }
        if (commit) {
            producer.commitTransaction();
        } else {
            producer.abortTransaction();
        }
    }
}
