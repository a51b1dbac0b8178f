package io.thinkmeter.scheduler;

import io.thinkmeter.contracts.TenantQuota;
import io.thinkmeter.contracts.Topics;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.processor.api.RecordMetadata;
import org.apache.kafka.streams.state.KeyValueStore;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Hands each record of a problems topic, with where it was read and its tenant header, to
 * {@link ProblemIntake}, and forwards the outcome keyed by the request id (the record's own key for a
 * dead letter). A tenant is known when ingest created it (its record on the tenants topic, held in
 * the global quota store) or the scheduler is configured with a quota for it.
 */
final class ProblemIntakeProcessor implements Processor<byte[], byte[], String, ProblemIntake.Outcome> {

    private final SchedulerConfig config;
    private ProcessorContext<String, ProblemIntake.Outcome> context;
    private ProblemIntake intake;

    ProblemIntakeProcessor(SchedulerConfig config) {
        this.config = config;
    }

    @Override
    public void init(ProcessorContext<String, ProblemIntake.Outcome> context) {
        this.context = context;
        KeyValueStore<String, TenantQuota> tenants = context.getStateStore(SchedulerTopology.QUOTA_STORE);
        this.intake = new ProblemIntake(t -> tenants.get(t) != null || config.namesTenant(t));
    }

    @Override
    public void process(Record<byte[], byte[]> record) {
        RecordMetadata where = context.recordMetadata().orElseThrow(
                () -> new IllegalStateException("a problems record without its topic, partition and offset"));
        List<byte[]> tenantHeaders = new ArrayList<>();
        for (Header h : record.headers().headers(Topics.TENANT_HEADER)) {
            tenantHeaders.add(h.value());
        }
        String key = record.key() == null ? null : new String(record.key(), StandardCharsets.UTF_8);
        ProblemIntake.Outcome outcome = intake.take(new ProblemIntake.Origin(where.topic(), where.partition(),
                where.offset(), record.timestamp(), key, tenantHeaders), record.value());
        context.forward(new Record<>(outcome.key(), outcome, record.timestamp()));
    }
}
