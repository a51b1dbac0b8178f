package io.thinkmeter.scheduler;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.apache.kafka.streams.KafkaStreams;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Properties;

class SchedulerMainTest {

    @TempDir
    Path stateDir;

    @Test
    void shouldFailToStartWithAClearReasonAndNothingRunningWithoutABroker() throws InterruptedException {
        Properties p = new Properties();
        p.setProperty("bootstrap.servers", "127.0.0.1:1");
        p.setProperty("application.id", "scheduler-main-test");
        p.setProperty("state.dir", stateDir.toString());
        // The tenants' quotas must be loaded before routing starts; keep the wait for them short here.
        p.setProperty("global.consumer.default.api.timeout.ms", "1500");
        p.setProperty("global.consumer.request.timeout.ms", "1000");
        p.setProperty("task.timeout.ms", "2000");

        long t0 = System.nanoTime();
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> SchedulerMain.start(
                SchedulerConfig.defaults().withDefaultDailyQuota(1000L), p));
        assertTrue(e.getMessage().contains("is Kafka at 127.0.0.1:1 reachable, with the topics created?"),
                e.getMessage());
        assertTrue(Duration.ofNanos(System.nanoTime() - t0).toSeconds() < 60, "start must fail in bounded time");
        // close() returns once the client is NOT_RUNNING; its threads leave their run loops a moment
        // later (on a busy machine, later still): wait for them, bounded, rather than sample once
        List<String> left = threadsOf("scheduler-main-test", Duration.ofSeconds(30));
        assertTrue(left.isEmpty(), "no stream thread is left running: " + left);
    }

    private static List<String> threadsOf(String client, Duration patience) throws InterruptedException {
        long deadline = System.nanoTime() + patience.toNanos();
        while (true) {
            List<String> alive = Thread.getAllStackTraces().keySet().stream()
                    .filter(t -> t.isAlive() && t.getName().contains(client)).map(Thread::getName).toList();
            if (alive.isEmpty() || System.nanoTime() > deadline) {
                return alive;
            }
            Thread.sleep(100);
        }
    }
}
