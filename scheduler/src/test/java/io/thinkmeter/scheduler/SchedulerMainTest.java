package io.thinkmeter.scheduler;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.apache.kafka.streams.KafkaStreams;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Properties;

class SchedulerMainTest {

    @TempDir
    Path stateDir;

    @Test
    void shouldStartFromPropertiesAndCloseCleanlyEvenWithoutABroker() throws InterruptedException {
        Properties p = new Properties();
        p.setProperty("bootstrap.servers", "127.0.0.1:1");
        p.setProperty("application.id", "scheduler-main-test");
        p.setProperty("state.dir", stateDir.toString());
        p.setProperty("thinkmeter.scheduler.daily-quota", "1000");

        SchedulerMain scheduler = SchedulerMain.start(p);
        assertTrue(scheduler.streams().state().isRunningOrRebalancing(), scheduler.streams().state().toString());
        scheduler.close();

        assertTrue(scheduler.awaitStop(Duration.ofSeconds(1)));
        assertEquals(KafkaStreams.State.NOT_RUNNING, scheduler.streams().state());
    }
}
