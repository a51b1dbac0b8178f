package io.thinkmeter.scheduler;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.apache.kafka.streams.StreamsConfig;
import org.junit.jupiter.api.Test;

import java.util.Map;
import java.util.Properties;

class SchedulerPropertiesTest {

    private static Properties properties(String... keyValues) {
        Properties p = new Properties();
        for (int i = 0; i < keyValues.length; i += 2) {
            p.setProperty(keyValues[i], keyValues[i + 1]);
        }
        return p;
    }

    @Test
    void shouldDefaultToThe64And128ThresholdsAndNoQuota() {
        SchedulerConfig config = SchedulerProperties.config(properties());

        assertEquals(SchedulerConfig.defaults(), config);
        assertEquals(64, config.shortMax());
        assertEquals(128, config.mediumMax());
        assertEquals(0, config.dailyQuotaOf("anyone"));
    }

    @Test
    void shouldReadThresholdsQuotasAndTenantOverrides() {
        SchedulerConfig config = SchedulerProperties.config(properties(
                "thinkmeter.scheduler.short-max", "32", "thinkmeter.scheduler.medium-max", "256",
                "thinkmeter.scheduler.daily-quota", "1000", "thinkmeter.scheduler.daily-quota.acme", "5000",
                "thinkmeter.scheduler.daily-quota.free", "0", "thinkmeter.scheduler.usage-retention-days", "3"));

        assertEquals(new SchedulerConfig(32, 256, 1000L, Map.of("acme", 5000L, "free", 0L), 3), config);
        assertEquals(1000, config.dailyQuotaOf("globex"));
        assertEquals(5000, config.dailyQuotaOf("acme"));
        assertEquals(0, config.dailyQuotaOf("free"));
    }

    @Test
    void shouldRefuseBadNumbersNamingTheKey() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> SchedulerProperties.config(properties("thinkmeter.scheduler.daily-quota.acme", "lots")));
        assertEquals("thinkmeter.scheduler.daily-quota.acme must be a whole number, was 'lots'", e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> SchedulerProperties.config(properties(
                "thinkmeter.scheduler.short-max", "200")));
    }

    @Test
    void shouldPassOtherKeysToKafkaStreamsWithSafeDefaults() {
        Properties streams = SchedulerProperties.streams(properties("bootstrap.servers", "localhost:9092",
                "thinkmeter.scheduler.daily-quota", "1000", "num.stream.threads", "2"));

        assertEquals("localhost:9092", streams.getProperty(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG));
        assertEquals("thinkmeter-scheduler", streams.getProperty(StreamsConfig.APPLICATION_ID_CONFIG));
        assertEquals(StreamsConfig.EXACTLY_ONCE_V2, streams.getProperty(StreamsConfig.PROCESSING_GUARANTEE_CONFIG));
        assertEquals("2", streams.getProperty("num.stream.threads"));
        assertFalse(streams.containsKey("thinkmeter.scheduler.daily-quota"));
    }

    @Test
    void shouldLetCallersOverrideApplicationIdAndGuarantee() {
        Properties streams = SchedulerProperties.streams(properties("bootstrap.servers", "b:9092",
                "application.id", "demo-scheduler", "processing.guarantee", "at_least_once"));

        assertEquals("demo-scheduler", streams.getProperty(StreamsConfig.APPLICATION_ID_CONFIG));
        assertEquals("at_least_once", streams.getProperty(StreamsConfig.PROCESSING_GUARANTEE_CONFIG));
    }

    @Test
    void shouldRequireBootstrapServers() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> SchedulerProperties.streams(properties("application.id", "x")));
        assertEquals("the scheduler needs bootstrap.servers", e.getMessage());
    }
}
