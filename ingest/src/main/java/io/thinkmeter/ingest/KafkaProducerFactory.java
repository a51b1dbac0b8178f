package io.thinkmeter.ingest;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Disposes;
import jakarta.enterprise.inject.Produces;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.StringSerializer;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.time.Duration;
import java.util.Map;

/**
 * The one Kafka producer of the service (KafkaProducer is thread-safe and batches best when shared).
 * acks=all with idempotence: an answered request is on every in-sync replica, and a retried send is
 * not written twice.
 */
@ApplicationScoped
public class KafkaProducerFactory {

    @Produces
    @ApplicationScoped
    Producer<String, String> producer(@ConfigProperty(name = "kafka.bootstrap.servers") String bootstrapServers,
                                      IngestConfig config) {
        int ackMillis = (int) Math.min(Integer.MAX_VALUE, config.ackTimeout().toMillis());
        return new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true,
                ProducerConfig.CLIENT_ID_CONFIG, "thinkmeter-ingest",
                // a send may not take longer than the caller is willing to wait for its answer
                ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, ackMillis,
                // Kafka insists that delivery.timeout >= linger + request.timeout
                ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, Math.max(1, Math.min(30_000, ackMillis / 2)),
                ProducerConfig.MAX_BLOCK_MS_CONFIG, (long) ackMillis,
                ProducerConfig.LINGER_MS_CONFIG, 5),
                new StringSerializer(), new StringSerializer());
    }

    void close(@Disposes Producer<String, String> producer) {
        producer.close(Duration.ofSeconds(10));
    }
}
