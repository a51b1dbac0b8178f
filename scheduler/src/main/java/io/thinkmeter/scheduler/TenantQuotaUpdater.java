package io.thinkmeter.scheduler;

import io.thinkmeter.contracts.TenantQuota;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;

/** Keeps the global quota store equal to the tenants topic: a record sets a tenant's quota, a tombstone drops it. */
final class TenantQuotaUpdater implements Processor<String, TenantQuota, Void, Void> {

    private KeyValueStore<String, TenantQuota> quotas;

    @Override
    public void init(ProcessorContext<Void, Void> context) {
        quotas = context.getStateStore(SchedulerTopology.QUOTA_STORE);
    }

    @Override
    public void process(Record<String, TenantQuota> record) {
        if (record.key() == null) {
            return; // a tenant record without its key names no tenant
        }
        if (record.value() == null) {
            quotas.delete(record.key());
        } else {
            quotas.put(record.key(), record.value());
        }
    }
}
