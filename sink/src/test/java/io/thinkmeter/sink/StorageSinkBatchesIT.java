package io.thinkmeter.sink;

import io.thinkmeter.contracts.BatchAccepted;
import io.thinkmeter.sink.SinkSettings;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Batches, written by ingest in one Kafka transaction with their requests, become batches rows once. */
class StorageSinkBatchesIT {

    private static final int BATCHES = 3;
    private static final int PER_BATCH = 40;

    @Test
    @Timeout(value = 4, unit = TimeUnit.MINUTES)
    void shouldStoreEachBatchAndRequestOnceAcrossASinkRestartAndAFullRedelivery(@TempDir Path dir) throws Exception {
        try (SinkHarness harness = SinkHarness.start(dir)) {
            try (KafkaProducer<String, String> ingest = harness.transactionalProducer("ingest-like")) {
                for (int b = 0; b < BATCHES; b++) {
                    ingest.beginTransaction();
                    ingest.send(SinkRecords.batch(SinkRecords.batch("batch" + b, PER_BATCH)));
                    for (int i = 0; i < PER_BATCH; i++) {
                        ingest.send(SinkRecords.submitted(SinkRecords.request("batch" + b + "-" + i)));
                    }
                    ingest.commitTransaction();
                }
                // a batch accepted again (a retried transaction, a replayed topic) changes nothing
                ingest.beginTransaction();
                ingest.send(SinkRecords.batch(SinkRecords.batch("batch0", PER_BATCH)));
                ingest.commitTransaction();
            }
            List<ProducerRecord<String, String>> results = new ArrayList<>();
            for (int b = 0; b < BATCHES; b++) {
                for (int i = 0; i < PER_BATCH; i++) {
                    results.add(SinkRecords.result(SinkRecords.result("batch" + b + "-" + i)));
                }
            }
            harness.produce(results);

            // small polls, so the first sink is likely stopped part-way; the totals hold either way
            SinkHarness.Running first = harness.startSink(new SinkSettings(20));
            harness.awaitCount("SELECT least(count(*), 1) FROM results", 1, Duration.ofMinutes(1));
            first.stop();
            harness.forgetSinkOffsets();
            SinkHarness.Running second = harness.startSink(new SinkSettings(20));

            int total = BATCHES * PER_BATCH;
            harness.awaitCount("SELECT count(*) FROM results", total, Duration.ofMinutes(2));
            harness.awaitCaughtUp(Duration.ofMinutes(1));
            assertEquals(BATCHES, harness.count("SELECT count(*) FROM batches"));
            assertEquals(total, harness.count("SELECT count(*) FROM requests WHERE state = 'done'"));
            assertEquals(total, harness.count("SELECT count(*) FROM token_ledger"));
            assertEquals(total, first.sink().storedResults() + second.sink().storedResults(),
                    "every result newly stored by exactly one of the two sinks, though the second read them all");
            BatchAccepted expected = SinkRecords.batch("batch1", PER_BATCH);
            assertEquals("acme|openai|40|key-batch1|sha256-batch1|2026-03-02 09:59:00+00", harness.text("""
                    SELECT concat_ws('|', tenant_id, input_format, request_count, idempotency_key, fingerprint,
                                     created_at AT TIME ZONE 'UTC' || '+00')
                    FROM batches WHERE id = '""" + expected.id() + "'"));
            assertEquals(List.of(), harness.deadLetters());
            second.stop();
        }
    }
}
