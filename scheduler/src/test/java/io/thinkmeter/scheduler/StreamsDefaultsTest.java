package io.thinkmeter.scheduler;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.apache.kafka.streams.StreamsConfig;
import org.junit.jupiter.api.Test;

import java.util.Properties;

class StreamsDefaultsTest {

    private static Properties properties(String... keyValues) {
        Properties p = new Properties();
        for (int i = 0; i < keyValues.length; i += 2) {
            p.setProperty(keyValues[i], keyValues[i + 1]);
        }
        return p;
    }

    @Test
    void shouldPassOtherKeysToKafkaStreamsWithSafeDefaults() {
        Properties streams = StreamsDefaults.over(properties("bootstrap.servers", "localhost:9092",
                "num.stream.threads", "2"));

        assertEquals("localhost:9092", streams.getProperty(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG));
        assertEquals("thinkmeter-scheduler", streams.getProperty(StreamsConfig.APPLICATION_ID_CONFIG));
        assertEquals(StreamsConfig.EXACTLY_ONCE_V2, streams.getProperty(StreamsConfig.PROCESSING_GUARANTEE_CONFIG));
        assertEquals("2", streams.getProperty("num.stream.threads"));
        assertEquals("10000", streams.getProperty("consumer.session.timeout.ms"),
                "a killed scheduler's partitions move after 10 s, as the workers' do");
    }

    @Test
    void shouldLetCallersOverrideApplicationIdAndGuarantee() {
        Properties streams = StreamsDefaults.over(properties("bootstrap.servers", "b:9092",
                "application.id", "demo-scheduler", "processing.guarantee", "at_least_once"));

        assertEquals("demo-scheduler", streams.getProperty(StreamsConfig.APPLICATION_ID_CONFIG));
        assertEquals("at_least_once", streams.getProperty(StreamsConfig.PROCESSING_GUARANTEE_CONFIG));
    }

    @Test
    void shouldRequireBootstrapServers() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> StreamsDefaults.over(properties("application.id", "x")));
        assertEquals("the scheduler needs bootstrap.servers", e.getMessage());
    }
}
