package io.thinkmeter.workers.quarkus;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.thinkmeter.contracts.DeadLetter;
import io.thinkmeter.contracts.Method;
import io.thinkmeter.contracts.Pool;
import io.thinkmeter.contracts.ProblemResult;
import io.thinkmeter.contracts.StopReason;
import io.thinkmeter.contracts.Timings;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

class WorkerMetricsTest {

    private static ProblemResult result(StopReason stopReason, int prompt, int thinking, int answer, int injected,
                                        long decodeMillis, String error) {
        Instant now = Instant.now();
        return new ProblemResult(1, "r", null, "acme", null, null, null, null, null, prompt, thinking, answer,
                injected, thinking + answer, 96, stopReason, "tiny-reasoner", Method.TS, null, null, Pool.MEDIUM, "w",
                new Timings(now, now, now, 0L, decodeMillis), error);
    }

    @Test
    void shouldCountOutcomesTokensAndDecodeTime() {
        MeterRegistry registry = new SimpleMeterRegistry();
        AtomicInteger inFlight = new AtomicInteger(3);
        WorkerMetrics metrics = new WorkerMetrics(registry, Pool.MEDIUM, inFlight::get);

        metrics.resultWritten(result(StopReason.NATURAL, 10, 30, 5, 0, 250, null));
        metrics.resultWritten(result(StopReason.FORCED_AT_CAP, 12, 40, 8, 6, 750, null));
        metrics.resultWritten(result(StopReason.ERROR, 0, 0, 0, 0, 0, "prompt too long"));
        metrics.deadLettered(new DeadLetter(1, "thinkmeter.work.medium", "k", "{", "unreadable"));

        assertEquals(1, completed(registry, "natural"));
        assertEquals(1, completed(registry, "forced_at_cap"));
        assertEquals(0, completed(registry, "max_tokens"));
        assertEquals(1, completed(registry, "error"));
        assertEquals(1, completed(registry, "dead_letter"));
        assertEquals(22, tokens(registry, "prompt"));
        assertEquals(70, tokens(registry, "thinking"));
        assertEquals(13, tokens(registry, "answer"));
        assertEquals(6, tokens(registry, "injected"));
        var decode = registry.get(WorkerMetrics.DECODE).tag("pool", "medium").timer();
        assertEquals(2, decode.count(), "errors are not decode times");
        assertEquals(1000, decode.totalTime(TimeUnit.MILLISECONDS), 1e-9);
        assertEquals(3, registry.get(WorkerMetrics.IN_FLIGHT).tag("pool", "medium").gauge().value());
        inFlight.set(0);
        assertEquals(0, registry.get(WorkerMetrics.IN_FLIGHT).tag("pool", "medium").gauge().value());
    }

    private static double completed(MeterRegistry registry, String stopReason) {
        return registry.get(WorkerMetrics.COMPLETED).tag("pool", "medium").tag("stop_reason", stopReason).counter()
                .count();
    }

    private static double tokens(MeterRegistry registry, String kind) {
        return registry.get(WorkerMetrics.TOKENS).tag("pool", "medium").tag("kind", kind).counter().count();
    }
}
