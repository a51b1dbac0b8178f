package io.thinkmeter.scheduler;

import static io.thinkmeter.scheduler.SchedulerFixture.request;
import static io.thinkmeter.scheduler.SchedulerFixture.withLevel;
import static io.thinkmeter.scheduler.SchedulerFixture.withMethod;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.thinkmeter.contracts.Level;
import io.thinkmeter.contracts.Method;
import io.thinkmeter.contracts.Pool;
import io.thinkmeter.contracts.ProblemRequest;
import org.apache.kafka.streams.KeyValue;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.nio.file.Path;
import java.util.List;

class RoutingTest {

    @TempDir
    Path stateDir;
    SchedulerFixture scheduler;

    @BeforeEach
    void start() {
        scheduler = new SchedulerFixture(SchedulerConfig.defaults(), stateDir);
    }

    @AfterEach
    void stop() {
        scheduler.close();
    }

    @ParameterizedTest(name = "budget {0} -> {1}")
    @CsvSource({"1, short", "64, short", "65, medium", "128, medium", "129, long"})
    void shouldRouteByBudgetAtTheThresholdEdges(int budget, String pool) {
        scheduler.submit(request("r-" + budget, "acme", budget));

        assertEquals(List.of("r-" + budget), ids(scheduler.work(Pool.fromWireName(pool))));
    }

    @Test
    void shouldRouteLargeBudgetsToLongPool() {
        scheduler.submit(request("big", "acme", 50_000));

        assertEquals(List.of("big"), ids(scheduler.work(Pool.LONG)));
        assertEquals(List.of(), scheduler.work(Pool.SHORT));
        assertEquals(List.of(), scheduler.work(Pool.MEDIUM));
    }

    @Test
    void shouldRouteByExplicitLevelOverBudget() {
        scheduler.submit(withLevel(request("thinks-briefly", "acme", 5_000), Level.SHORT));
        scheduler.submit(withLevel(request("thinks-long", "acme", 10), Level.LONG));
        scheduler.submit(withLevel(request("medium", "acme", 10), Level.MEDIUM));

        assertEquals(List.of("thinks-briefly"), ids(scheduler.work(Pool.SHORT)));
        assertEquals(List.of("medium"), ids(scheduler.work(Pool.MEDIUM)));
        assertEquals(List.of("thinks-long"), ids(scheduler.work(Pool.LONG)));
    }

    @Test
    void shouldGiveATldrRequestWithoutALevelTheLevelOfItsBudgetsTier() {
        ProblemRequest tldr = withMethod(request("tldr-100", "acme", 100), Method.TLDR);
        scheduler.submit(tldr);
        scheduler.submit(withMethod(request("ts-100", "acme", 100), Method.TS));
        scheduler.submit(withLevel(withMethod(request("tldr-asks-long", "acme", 20), Method.TLDR), Level.LONG));

        List<KeyValue<String, ProblemRequest>> medium = scheduler.work(Pool.MEDIUM);
        assertEquals(List.of("tldr-100", "ts-100"), ids(medium));
        assertEquals(Level.MEDIUM, medium.get(0).value.level());
        assertEquals(null, medium.get(1).value.level(), "only tldr requests get a level from their budget");
        List<KeyValue<String, ProblemRequest>> longPool = scheduler.work(Pool.LONG);
        assertEquals(Level.LONG, longPool.get(0).value.level());
    }

    @Test
    void shouldKeepTheRequestIdAsKeyAndSetThePoolInThePayload() {
        ProblemRequest sent = request("r-42", "acme", 100);
        scheduler.submit(sent);

        List<KeyValue<String, ProblemRequest>> out = scheduler.work(Pool.MEDIUM);
        assertEquals(1, out.size());
        assertEquals("r-42", out.get(0).key);
        assertEquals(sent.withPool(Pool.MEDIUM), out.get(0).value);
        assertEquals(List.of(), scheduler.rejected());
        assertEquals(List.of(), scheduler.deadLetters());
    }

    @Test
    void shouldCarryPriorityThroughUnchangedAndKeepArrivalOrder() {
        ProblemRequest low = request("low", "acme", 10);
        ProblemRequest high = new ProblemRequest(1, "high", null, "acme", null, null, "x", 10, Method.NONE, null, null, null,
                null, 9, null, low.submittedAt());
        scheduler.submit(low);
        scheduler.submit(high);

        List<KeyValue<String, ProblemRequest>> out = scheduler.work(Pool.SHORT);
        assertEquals(List.of("low", "high"), ids(out));
        assertEquals(9, out.get(1).value.priority());
    }

    @Test
    void shouldHonourConfiguredThresholds() {
        scheduler.close();
        scheduler = new SchedulerFixture(SchedulerConfig.defaults().withThresholds(10, 20), stateDir);

        scheduler.submit(request("a", "acme", 10));
        scheduler.submit(request("b", "acme", 11));
        scheduler.submit(request("c", "acme", 21));

        assertEquals(List.of("a"), ids(scheduler.work(Pool.SHORT)));
        assertEquals(List.of("b"), ids(scheduler.work(Pool.MEDIUM)));
        assertEquals(List.of("c"), ids(scheduler.work(Pool.LONG)));
    }

    @Test
    void shouldNameTheRepartitionTopicAndSpendStoresForOperators() {
        String description = SchedulerTopology.build(SchedulerConfig.defaults()).describe().toString();

        assertTrue(description.contains(SchedulerTopology.BY_TENANT + "-repartition"), description);
        for (String store : List.of(SchedulerTopology.BUDGETS_STORE, SchedulerTopology.RESERVATIONS_STORE,
                SchedulerTopology.RESERVATION_TIMES_STORE, SchedulerTopology.SETTLED_STORE,
                SchedulerTopology.PARKING_QUEUES_STORE, SchedulerTopology.PARKED_STORE, SchedulerTopology.SEEN_STORE)) {
            assertTrue(description.contains(store), store + " in " + description);
        }
    }

    private static List<String> ids(List<KeyValue<String, ProblemRequest>> records) {
        return records.stream().map(kv -> kv.key).toList();
    }
}
