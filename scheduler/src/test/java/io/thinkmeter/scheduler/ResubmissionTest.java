package io.thinkmeter.scheduler;

import static io.thinkmeter.scheduler.SchedulerFixture.NOV_21;
import static io.thinkmeter.scheduler.SchedulerFixture.request;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.thinkmeter.contracts.Pool;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/** A request id submitted twice (a batch resubmitted under its idempotency key) runs and is charged once. */
class ResubmissionTest {

    @TempDir
    Path stateDir;
    SchedulerFixture scheduler;

    @BeforeEach
    void start() {
        scheduler = new SchedulerFixture(SchedulerConfig.defaults().withDefaultDailyQuota(1_000L), stateDir);
    }

    @AfterEach
    void stop() {
        scheduler.close();
    }

    @Test
    void shouldRouteARequestSubmittedTwiceOnceAndChargeItOnce() {
        scheduler.submit(request("r1", "acme", 100), NOV_21);
        scheduler.submit(request("r1", "acme", 100), NOV_21.plus(Duration.ofMinutes(3)));
        scheduler.submit(request("r2", "acme", 100), NOV_21.plus(Duration.ofMinutes(4)));

        assertEquals(List.of("r1", "r2"), scheduler.accepted());
        long each = PromptBound.defaults().of(request("r1", "acme", 100)) + 100;
        assertEquals(2 * each, scheduler.tenantDay("acme", "2026-11-21").reserved());
        assertEquals(List.of(), scheduler.rejected());
    }

    @Test
    void shouldDropTheRepeatEvenWhenItArrivesDaysLaterWithinTheWindow() {
        scheduler.submit(request("r1", "acme", 10), NOV_21);
        scheduler.submit(request("r1", "acme", 10), NOV_21.plus(Duration.ofDays(6)));

        assertEquals(List.of("r1"), ids(scheduler.work(Pool.SHORT)));
    }

    @Test
    void shouldRouteARequestAgainOnceTheIdempotencyWindowHasPassed() {
        scheduler.submit(request("r1", "acme", 10), NOV_21);
        // stream time moves on with other traffic, so the first sighting's segment expires
        scheduler.submit(request("other", "acme", 10), NOV_21.plus(Duration.ofDays(20)));
        scheduler.submit(request("r1", "acme", 10), NOV_21.plus(Duration.ofDays(20)));

        assertEquals(List.of("r1", "other", "r1"), ids(scheduler.work(Pool.SHORT)));
    }

    @Test
    void shouldNotTreatTheSameIdOfAnInvalidRequestAsSeen() {
        scheduler.submit(request("r1", "acme", 0), NOV_21);
        scheduler.submit(request("r1", "acme", 10), NOV_21.plusSeconds(1));

        assertEquals(1, scheduler.rejected().size());
        assertEquals(List.of("r1"), ids(scheduler.work(Pool.SHORT)));
    }

    private static List<String> ids(List<org.apache.kafka.streams.KeyValue<String, io.thinkmeter.contracts.ProblemRequest>> work) {
        return work.stream().map(kv -> kv.key).toList();
    }
}
