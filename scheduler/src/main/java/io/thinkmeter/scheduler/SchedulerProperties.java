package io.thinkmeter.scheduler;

import io.thinkmeter.contracts.BudgetTiers;
import io.thinkmeter.contracts.ConsumerGroups;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.errors.LogAndContinueExceptionHandler;

import java.util.Properties;

/**
 * Splits one flat set of properties into the scheduler's own settings (the "thinkmeter.scheduler." keys)
 * and the Kafka Streams configuration (everything else), with the defaults this topology needs.
 */
public final class SchedulerProperties {

    public static final String PREFIX = "thinkmeter.scheduler.";
    public static final String SHORT_MAX = PREFIX + "short-max";
    public static final String MEDIUM_MAX = PREFIX + "medium-max";
    /** The default daily quota; a key "thinkmeter.scheduler.daily-quota.TENANT" overrides it for one tenant. */
    public static final String DAILY_QUOTA = PREFIX + "daily-quota";
    public static final String USAGE_RETENTION_DAYS = PREFIX + "usage-retention-days";
    public static final String DEFAULT_APPLICATION_ID = ConsumerGroups.SCHEDULER;

    private SchedulerProperties() {}

    public static SchedulerConfig config(Properties properties) {
        SchedulerConfig config = SchedulerConfig.defaults()
                .withThresholds(integer(properties, SHORT_MAX, BudgetTiers.DEFAULTS.shortMax()),
                        integer(properties, MEDIUM_MAX, BudgetTiers.DEFAULTS.mediumMax()))
                .withUsageRetentionDays(integer(properties, USAGE_RETENTION_DAYS,
                        SchedulerConfig.DEFAULT_USAGE_RETENTION_DAYS));
        String quota = properties.getProperty(DAILY_QUOTA);
        if (quota != null && !quota.isBlank()) {
            config = config.withDefaultDailyQuota(number(DAILY_QUOTA, quota));
        }
        String tenantPrefix = DAILY_QUOTA + ".";
        for (String key : properties.stringPropertyNames()) {
            if (key.startsWith(tenantPrefix) && key.length() > tenantPrefix.length()) {
                config = config.withTenantDailyQuota(key.substring(tenantPrefix.length()),
                        number(key, properties.getProperty(key)));
            }
        }
        return config;
    }

    /**
     * The Kafka Streams configuration: bootstrap.servers is required; application.id defaults to
     * "thinkmeter-scheduler"; exactly-once by default, because a quota reservation replayed after a crash
     * would otherwise be charged twice.
     */
    public static Properties streams(Properties properties) {
        Properties streams = new Properties();
        streams.put(StreamsConfig.APPLICATION_ID_CONFIG, DEFAULT_APPLICATION_ID);
        streams.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
        // Values are parsed in the topology; this only guards the keys, which a String serde always reads.
        streams.put(StreamsConfig.DESERIALIZATION_EXCEPTION_HANDLER_CLASS_CONFIG,
                LogAndContinueExceptionHandler.class.getName());
        for (String key : properties.stringPropertyNames()) {
            if (!key.startsWith(PREFIX)) {
                streams.put(key, properties.getProperty(key));
            }
        }
        String servers = streams.getProperty(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG);
        if (servers == null || servers.isBlank()) {
            throw new IllegalArgumentException("the scheduler needs " + StreamsConfig.BOOTSTRAP_SERVERS_CONFIG);
        }
        return streams;
    }

    private static int integer(Properties properties, String key, int fallback) {
        String value = properties.getProperty(key);
        return value == null || value.isBlank() ? fallback : Math.toIntExact(number(key, value));
    }

    private static long number(String key, String value) {
        try {
            return Long.parseLong(value.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(key + " must be a whole number, was '" + value + "'", e);
        }
    }
}
