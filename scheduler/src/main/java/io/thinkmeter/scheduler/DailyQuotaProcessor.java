package io.thinkmeter.scheduler;

import io.thinkmeter.contracts.ProblemRequest;
import io.thinkmeter.contracts.TenantQuota;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.FixedKeyProcessor;
import org.apache.kafka.streams.processor.api.FixedKeyProcessorContext;
import org.apache.kafka.streams.processor.api.FixedKeyRecord;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

/**
 * Reserves each request's budget against its tenant's quota for the UTC day it was submitted, in a store
 * keyed "tenant|yyyy-mm-dd". It must run on a stream keyed by tenant: then every request of one tenant
 * goes through the same task, and reservations cannot race across partitions.
 */
final class DailyQuotaProcessor implements FixedKeyProcessor<String, KeyedRequest, QuotaDecision> {

    private static final Duration PURGE_EVERY = Duration.ofHours(1);

    private final SchedulerConfig config;
    private FixedKeyProcessorContext<String, QuotaDecision> context;
    private KeyValueStore<String, Long> usage;
    private KeyValueStore<String, TenantQuota> quotas;

    DailyQuotaProcessor(SchedulerConfig config) {
        this.config = config;
    }

    @Override
    public void init(FixedKeyProcessorContext<String, QuotaDecision> context) {
        this.context = context;
        this.usage = context.getStateStore(SchedulerTopology.USAGE_STORE);
        this.quotas = context.getStateStore(SchedulerTopology.QUOTA_STORE);
        // Wall-clock time, not stream time: one record stamped far in the future must not wipe today's usage.
        context.schedule(PURGE_EVERY, PunctuationType.WALL_CLOCK_TIME, this::forgetOldDays);
    }

    @Override
    public void process(FixedKeyRecord<String, KeyedRequest> record) {
        KeyedRequest keyed = record.value();
        ProblemRequest request = keyed.request();
        LocalDate day = utcDay(request.submittedAt() != null ? request.submittedAt()
                : Instant.ofEpochMilli(record.timestamp()));
        String key = usageKey(request.tenant(), day);
        Long stored = usage.get(key);
        long used = stored == null ? 0 : stored;
        long quota = quotaOf(request.tenant());
        String refusal = null;
        if (quota > 0 && used + request.budget() > quota) {
            refusal = "tenant " + request.tenant() + ": budget " + request.budget() + " exceeds the "
                    + Math.max(0, quota - used) + " tokens left of today's " + quota + "-token quota (" + day + ")";
        } else {
            // Unlimited tenants are counted too, so a quota set later in the day sees what was already spent.
            usage.put(key, used + request.budget());
        }
        context.forward(record.withValue(new QuotaDecision(keyed.requestId(), request, refusal)));
    }

    /** A quota set for the tenant through ingest wins; otherwise the configured override or default. */
    private long quotaOf(String tenant) {
        TenantQuota set = quotas.get(tenant);
        if (set != null) {
            return set.dailyTokenQuota() == null ? 0 : set.dailyTokenQuota();
        }
        return config.dailyQuotaOf(tenant);
    }

    static String usageKey(String tenant, LocalDate day) {
        return tenant + "|" + day;
    }

    private static LocalDate utcDay(Instant instant) {
        return LocalDate.ofInstant(instant, ZoneOffset.UTC);
    }

    private void forgetOldDays(long wallClockMillis) {
        LocalDate oldestKept = utcDay(Instant.ofEpochMilli(wallClockMillis)).minusDays(config.usageRetentionDays());
        List<String> expired = new ArrayList<>();
        try (KeyValueIterator<String, Long> all = usage.all()) {
            all.forEachRemaining(entry -> {
                String day = entry.key.substring(entry.key.lastIndexOf('|') + 1);
                if (LocalDate.parse(day).isBefore(oldestKept)) {
                    expired.add(entry.key);
                }
            });
        }
        expired.forEach(usage::delete);
    }
}
