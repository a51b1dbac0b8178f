package io.thinkmeter.sink.service;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.thinkmeter.storage.LedgerEntry;
import io.thinkmeter.sink.Refusal;
import io.thinkmeter.sink.StorageSink;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The sink's own meters, beside Kafka's client metrics. Prometheus names:
 * <ul>
 * <li>{@code thinkmeter_sink_records_total}: records stored (or refused) and committed</li>
 * <li>{@code thinkmeter_sink_results_stored_total}: results stored for the first time (its rate is results/s)</li>
 * <li>{@code thinkmeter_sink_dead_letters_total}: records that can never be stored, sent to dead letters</li>
 * <li>{@code thinkmeter_sink_write_seconds}: one poll's database transaction, from read to commit</li>
 * <li>{@code thinkmeter_sink_retries_total}: polls retried because Kafka or PostgreSQL failed</li>
 * <li>{@code thinkmeter_sink_spend_tokens_total{tenant,model,kind}}: tokens charged to the ledger by this sink,
 *     kind {@code prompt}, {@code thinking}, {@code answer}, {@code injected} or {@code generated} (thinking and
 *     answer, injected included: prompt + generated is what budgets are charged)</li>
 * <li>{@code thinkmeter_sink_spend_cost_total{tenant,model,currency}}: the cost of the priced ledger rows it
 *     wrote (a double: for dashboards; the ledger's {@code cost} is the exact figure)</li>
 * </ul>
 * Spend is counted once the rows are committed, and only rows this sink wrote, so summed over the sinks
 * the counters are what the ledger holds (model {@code unknown} when a result named none).
 */
final class SinkMetrics implements StorageSink.Listener {

    private static final List<String> KINDS = List.of("prompt", "thinking", "answer", "injected", "generated");

    private final MeterRegistry registry;
    private final Counter records;
    private final Counter results;
    private final Counter deadLetters;
    private final Counter retries;
    private final Timer write;

    SinkMetrics(MeterRegistry registry) {
        this.registry = registry;
        records = Counter.builder("thinkmeter.sink.records").description("Records stored or refused, and committed")
                .register(registry);
        results = Counter.builder("thinkmeter.sink.results.stored")
                .description("Results stored for the first time (redeliveries not counted)").register(registry);
        deadLetters = Counter.builder("thinkmeter.sink.dead.letters")
                .description("Records that can never be stored, sent to the dead-letter topic").register(registry);
        retries = Counter.builder("thinkmeter.sink.retries")
                .description("Polls retried because Kafka or PostgreSQL failed").register(registry);
        write = Timer.builder("thinkmeter.sink.write").description("One poll's database transaction")
                .register(registry);
    }

    @Override
    public void stored(int count, int newResults, List<Refusal> refusals, Duration took) {
        records.increment(count);
        results.increment(newResults);
        deadLetters.increment(refusals.size());
        write.record(took);
    }

    /** Summed per tenant and model first: a poll of thousands of rows touches each meter once. */
    @Override
    public void charged(List<LedgerEntry> entries) {
        Map<List<String>, long[]> tokens = new HashMap<>();
        Map<List<String>, BigDecimal> cost = new HashMap<>();
        for (LedgerEntry e : entries) {
            String model = e.model() == null ? "unknown" : e.model();
            long[] sums = tokens.computeIfAbsent(List.of(e.tenantId(), model), k -> new long[KINDS.size()]);
            sums[0] += e.promptTokens();
            sums[1] += e.thinkingTokens();
            sums[2] += e.answerTokens();
            sums[3] += e.injectedTokens();
            sums[4] += e.generatedTokens();
            if (e.cost() != null) {
                cost.merge(List.of(e.tenantId(), model, e.currency()), e.cost(), BigDecimal::add);
            }
        }
        tokens.forEach((tenantModel, sums) -> {
            for (int k = 0; k < KINDS.size(); k++) {
                Counter.builder("thinkmeter.sink.spend.tokens").description("Tokens charged to the ledger")
                        .tags("tenant", tenantModel.get(0), "model", tenantModel.get(1), "kind", KINDS.get(k))
                        .register(registry).increment(sums[k]);
            }
        });
        cost.forEach((key, amount) -> Counter.builder("thinkmeter.sink.spend.cost")
                .description("Cost of the ledger rows written, by currency")
                .tags("tenant", key.get(0), "model", key.get(1), "currency", key.get(2))
                .register(registry).increment(amount.doubleValue()));
    }

    @Override
    public void retrying(String what) {
        retries.increment();
    }
}
