package io.thinkmeter.ingest;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Disposes;
import jakarta.enterprise.inject.Produces;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.time.Duration;
import java.util.Map;

/** The Kafka admin client the health checks share, every call held to {@link #CHECK_TIMEOUT}. */
@ApplicationScoped
public class KafkaAdmin {

    /** A check that cannot tell within this has its answer: Kafka is not answering. */
    static final Duration CHECK_TIMEOUT = Duration.ofSeconds(3);

    @Produces
    @ApplicationScoped
    Admin admin(@ConfigProperty(name = "kafka.bootstrap.servers") String bootstrapServers) {
        return Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                AdminClientConfig.CLIENT_ID_CONFIG, "thinkmeter-ingest-health",
                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, (int) CHECK_TIMEOUT.toMillis(),
                AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) CHECK_TIMEOUT.toMillis()));
    }

    void close(@Disposes Admin admin) {
        admin.close(Duration.ofSeconds(5));
    }
}
