package io.thinkmeter.sink;

import io.thinkmeter.contracts.DeadLetter;
import io.thinkmeter.contracts.ProblemRequest;
import io.thinkmeter.contracts.ReservationReleased;
import io.thinkmeter.contracts.Topics;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Records anyone can produce straight to Kafka, which PostgreSQL refuses, among good ones: before, one
 * of them stopped storage for every tenant (the sink retried the whole poll every 10 s for ever).
 */
class StorageSinkPoisonIT {

    @Test
    @Timeout(value = 4, unit = TimeUnit.MINUTES)
    void shouldDeadLetterEachPoisonRecordStoreEveryGoodOneAndKeepGoing(@TempDir Path dir) throws Exception {
        try (SinkHarness harness = SinkHarness.start(dir)) {
            ProblemRequest nul = withClientId(SinkRecords.request("poison-nul"), "line\u00007");
            ProblemRequest year300000 = withSubmittedAt(SinkRecords.request("poison-year"),
                    Instant.parse("+300000-01-01T00:00:00Z"));
            List<ProducerRecord<String, String>> records = new ArrayList<>(SinkRecords.requestsAndResults("good", 40));
            records.add(20, SinkRecords.submitted(nul));
            records.add(41, SinkRecords.submitted(year300000));
            records.add(new ProducerRecord<>(Topics.RESULTS, "unreadable", "{not json"));
            records.add(SinkRecords.batch(SinkRecords.batch("b-good", 40)));
            records.add(SinkRecords.released(new ReservationReleased(1, "released-1", "acme", "key-1", null, 4096,
                    "no result within 10m", Instant.parse("2026-03-02T10:00:00Z"), Instant.parse("2026-03-02T10:10:00Z"))));
            records.add(SinkRecords.released(new ReservationReleased(1, "poison-release", "acme", null, null, -1,
                    "no result", null, null)));
            records.add(new ProducerRecord<>(Topics.SPEND_RELEASES, "unreadable-release", "{not json"));
            harness.produce(records);

            SinkHarness.Running sink = harness.startSink();
            harness.awaitCount("SELECT count(*) FROM results", 40, Duration.ofMinutes(2));
            harness.awaitCaughtUp(Duration.ofMinutes(1));

            assertEquals(40, harness.count("SELECT count(*) FROM requests WHERE id LIKE 'good-%' AND state = 'done'"));
            assertEquals(40, harness.count("SELECT count(*) FROM token_ledger"));
            assertEquals(1, harness.count("SELECT count(*) FROM batches"));
            assertEquals(0, harness.count("SELECT count(*) FROM requests WHERE id LIKE 'poison-%'"));
            Map<String, DeadLetter> dead = harness.deadLetters().stream()
                    .collect(Collectors.toMap(DeadLetter::key, d -> d));
            assertEquals(List.of("poison-nul", "poison-release", "poison-year", "unreadable", "unreadable-release"),
                    dead.keySet().stream().sorted().toList());
            assertTrue(dead.get("poison-release").reason().contains("negative reserved_tokens"),
                    dead.get("poison-release").reason());
            assertEquals(4096, harness.count("SELECT reserved_tokens FROM reservation_releases WHERE request_id = 'released-1'"));
            assertEquals(1, harness.count("SELECT count(*) FROM reservation_releases"));
            assertEquals("storage: request poison-nul has U+0000 in client_id, which PostgreSQL text cannot hold",
                    dead.get("poison-nul").reason());
            String yearReason = dead.get("poison-year").reason();
            assertTrue(yearReason.startsWith("storage: ") && yearReason.contains("timestamp out of range"), yearReason);
            assertTrue(dead.get("unreadable").reason().startsWith("storage: not a readable ProblemResult"),
                    dead.get("unreadable").reason());
            assertEquals("{not json", dead.get("unreadable").payload());
            assertEquals(Topics.SUBMITTED, dead.get("poison-nul").sourceTopic());
            assertEquals(SinkRecords.json(nul), dead.get("poison-nul").payload(), "the dead letter keeps the record as it was");
            // auditors see the refused requests, with the same reason
            assertEquals(dead.get("poison-nul").reason(),
                    harness.text("SELECT reason FROM rejected_requests WHERE request_id = 'poison-nul'"));
            assertEquals(yearReason, harness.text("SELECT reason FROM rejected_requests WHERE request_id = 'poison-year'"));
            assertEquals(2, harness.count("SELECT count(*) FROM rejected_requests"));

            harness.produce(SinkRecords.requestsAndResults("after", 10));
            harness.awaitCount("SELECT count(*) FROM results WHERE request_id LIKE 'after-%'", 10, Duration.ofMinutes(1));
            harness.awaitCaughtUp(Duration.ofMinutes(1));
            assertEquals(10, harness.count("SELECT count(*) FROM requests WHERE id LIKE 'after-%'"));
            assertEquals(5, harness.deadLetters().size(), "nothing more dead-lettered, nothing twice");
            assertTrue(sink.thread().isAlive());
            sink.stop();
        }
    }

    private static ProblemRequest withClientId(ProblemRequest r, String clientId) {
        return new ProblemRequest(r.schemaVersion(), r.id(), clientId, r.tenant(), r.batch(), r.sequence(), r.problem(),
                r.budget(), r.method(), r.level(), r.stopTemperature(), r.answerReserve(), r.sampling(), r.priority(),
                r.pool(), r.submittedAt());
    }

    private static ProblemRequest withSubmittedAt(ProblemRequest r, Instant submittedAt) {
        return new ProblemRequest(r.schemaVersion(), r.id(), r.clientId(), r.tenant(), r.batch(), r.sequence(),
                r.problem(), r.budget(), r.method(), r.level(), r.stopTemperature(), r.answerReserve(), r.sampling(),
                r.priority(), r.pool(), submittedAt);
    }
}
