package io.thinkmeter.sink;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** PostgreSQL stops while records flow: nothing is lost, nothing stored twice, nothing dead-lettered. */
class StorageSinkDatabaseOutageIT {

    @Test
    @Timeout(value = 4, unit = TimeUnit.MINUTES)
    void shouldStoreEverythingOnceWhenTheDatabaseComesBack(@TempDir Path dir) throws Exception {
        try (SinkHarness harness = SinkHarness.start(dir)) {
            SinkHarness.Running sink = harness.startSink();
            harness.produce(SinkRecords.requestsAndResults("before", 150));
            harness.awaitCount("SELECT count(*) FROM results", 150, Duration.ofMinutes(1));

            harness.stopPostgres();
            harness.produce(SinkRecords.requestsAndResults("during", 150));
            // the sink meets the outage (its connection is gone, reconnecting is refused) and keeps retrying
            Thread.sleep(5_000);
            assertTrue(sink.thread().isAlive(), "the sink outlives the database");
            harness.startPostgresAgain();
            harness.produce(SinkRecords.requestsAndResults("after", 150));

            harness.awaitCount("SELECT count(*) FROM results", 450, Duration.ofMinutes(2));
            harness.awaitCaughtUp(Duration.ofMinutes(1));
            assertEquals(450, harness.count("SELECT count(*) FROM requests"));
            assertEquals(450, harness.count("SELECT count(*) FROM requests WHERE state = 'done'"));
            assertEquals(450, harness.count("SELECT count(*) FROM token_ledger"));
            assertEquals(450, harness.count("SELECT count(DISTINCT request_id) FROM token_ledger"));
            assertEquals(450L * 49, harness.count("SELECT sum(generated_tokens) FROM token_ledger"),
                    "every result charged once");
            assertEquals(List.of(), harness.deadLetters(), "good records are never dead-lettered for an outage");
            assertTrue(sink.thread().isAlive());
            sink.stop();
        }
    }
}
