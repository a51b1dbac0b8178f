package io.thinkmeter.workers.quarkus;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.thinkmeter.contracts.DeadLetter;
import io.thinkmeter.contracts.Pool;
import io.thinkmeter.contracts.ProblemResult;
import io.thinkmeter.contracts.StopReason;
import io.thinkmeter.workers.service.PoolWorker;

import java.time.Duration;
import java.util.function.IntSupplier;

/**
 * The worker's meters, fed by {@link PoolWorker}'s listener. Prometheus names (every series tagged
 * with {@code pool}):
 * <ul>
 * <li>{@code thinkmeter_worker_requests_completed_total{stop_reason}}: natural, forced_at_cap,
 * max_tokens, error (the engine refused the request), dead_letter (an unreadable record)</li>
 * <li>{@code thinkmeter_worker_tokens_total{kind}}: prompt, thinking, answer, injected (injected tokens
 * are also counted in thinking or answer)</li>
 * <li>{@code thinkmeter_worker_requests_in_flight}: taken from Kafka, result not yet written</li>
 * <li>{@code thinkmeter_worker_decode_seconds}: decoding wall time of each answered request</li>
 * </ul>
 */
final class WorkerMetrics implements PoolWorker.Listener {

    static final String COMPLETED = "thinkmeter.worker.requests.completed";
    static final String TOKENS = "thinkmeter.worker.tokens";
    static final String IN_FLIGHT = "thinkmeter.worker.requests.in.flight";
    static final String DECODE = "thinkmeter.worker.decode";
    static final String DEAD_LETTER = "dead_letter";

    private final MeterRegistry registry;
    private final String pool;
    private final Counter promptTokens;
    private final Counter thinkingTokens;
    private final Counter answerTokens;
    private final Counter injectedTokens;
    private final Timer decode;

    /** @param inFlight read when the gauge is scraped */
    WorkerMetrics(MeterRegistry registry, Pool pool, IntSupplier inFlight) {
        this.registry = registry;
        this.pool = pool.wireName();
        // Every stop reason is registered up front, so each series exists (at 0) from the first scrape.
        for (StopReason reason : StopReason.values()) {
            completed(reason.wireName());
        }
        completed(DEAD_LETTER);
        promptTokens = tokens("prompt");
        thinkingTokens = tokens("thinking");
        answerTokens = tokens("answer");
        injectedTokens = tokens("injected");
        Gauge.builder(IN_FLIGHT, () -> inFlight.getAsInt()).tag("pool", this.pool)
                .description("Requests taken from Kafka whose result is not yet written").register(registry);
        decode = Timer.builder(DECODE).tag("pool", this.pool)
                .description("Decoding wall time of each answered request").register(registry);
    }

    @Override
    public void resultWritten(ProblemResult result) {
        completed(result.stopReason().wireName()).increment();
        promptTokens.increment(result.promptTokens());
        thinkingTokens.increment(result.thinkingTokens());
        answerTokens.increment(result.answerTokens());
        injectedTokens.increment(result.injectedTokens());
        if (result.error() == null && result.timings() != null && result.timings().decodeMillis() != null) {
            decode.record(Duration.ofMillis(result.timings().decodeMillis()));
        }
    }

    @Override
    public void deadLettered(DeadLetter letter) {
        completed(DEAD_LETTER).increment();
    }

    private Counter completed(String stopReason) {
        return Counter.builder(COMPLETED).tag("pool", pool).tag("stop_reason", stopReason)
                .description("Requests whose outcome was written to Kafka, by stop reason").register(registry);
    }

    private Counter tokens(String kind) {
        return Counter.builder(TOKENS).tag("pool", pool).tag("kind", kind)
                .description("Tokens of answered requests: prompt, thinking, answer; injected ones are also in thinking or answer")
                .register(registry);
    }
}
