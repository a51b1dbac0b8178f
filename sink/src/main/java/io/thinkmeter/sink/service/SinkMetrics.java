package io.thinkmeter.sink.service;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.thinkmeter.sink.Refusal;
import io.thinkmeter.sink.StorageSink;

import java.time.Duration;
import java.util.List;

/**
 * The sink's own meters, beside Kafka's client metrics. Prometheus names:
 * <ul>
 * <li>{@code thinkmeter_sink_records_total}: records stored (or refused) and committed</li>
 * <li>{@code thinkmeter_sink_results_stored_total}: results stored for the first time (its rate is results/s)</li>
 * <li>{@code thinkmeter_sink_dead_letters_total}: records that can never be stored, sent to dead letters</li>
 * <li>{@code thinkmeter_sink_write_seconds}: one poll's database transaction, from read to commit</li>
 * <li>{@code thinkmeter_sink_retries_total}: polls retried because Kafka or PostgreSQL failed</li>
 * </ul>
 */
final class SinkMetrics implements StorageSink.Listener {

    private final Counter records;
    private final Counter results;
    private final Counter deadLetters;
    private final Counter retries;
    private final Timer write;

    SinkMetrics(MeterRegistry registry) {
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

    @Override
    public void retrying(String what) {
        retries.increment();
    }
}
