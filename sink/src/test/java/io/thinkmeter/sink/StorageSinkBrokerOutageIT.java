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

/**
 * The broker crashes while the sink works and stays down past the consumer's session timeout: before,
 * the first failed offset commit escaped the sink's loop and ended it.
 */
class StorageSinkBrokerOutageIT {

    @Test
    @Timeout(value = 5, unit = TimeUnit.MINUTES)
    void shouldOutliveABrokerCrashAndStoreEverythingOnce(@TempDir Path dir) throws Exception {
        try (SinkHarness harness = SinkHarness.start(dir)) {
            SinkHarness.Running sink = harness.startSink();
            harness.produce(SinkRecords.requestsAndResults("first", 100));
            harness.awaitCount("SELECT count(*) FROM results", 100, Duration.ofMinutes(1));

            // killed right after more records arrive: the sink may be storing them or committing their offsets
            harness.produce(SinkRecords.requestsAndResults("second", 100));
            harness.killKafka();
            Thread.sleep(18_000); // past session.timeout.ms (10 s) and the commit timeout (10 s)
            assertTrue(sink.thread().isAlive(), "the sink outlives the broker");

            harness.startKafkaAgain();
            harness.produce(SinkRecords.requestsAndResults("third", 100));
            harness.awaitCount("SELECT count(*) FROM results", 300, Duration.ofMinutes(2));
            harness.awaitCaughtUp(Duration.ofMinutes(1));
            assertEquals(300, harness.count("SELECT count(*) FROM requests"));
            assertEquals(300, harness.count("SELECT count(*) FROM requests WHERE state = 'done'"));
            assertEquals(300, harness.count("SELECT count(*) FROM token_ledger"));
            assertEquals(300L * 49, harness.count("SELECT sum(generated_tokens) FROM token_ledger"));
            assertEquals(List.of(), harness.deadLetters());
            assertTrue(sink.thread().isAlive());
            assertEquals(300, sink.sink().storedResults(), "each result newly stored once, redeliveries aside");
            sink.stop();
        }
    }
}
