package io.thinkmeter.ingest;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.DescribeClusterOptions;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Ready only while a Kafka broker answers: without one every submission would end in 503, so a load
 * balancer should send callers elsewhere. (The datasource's own check covers PostgreSQL.)
 */
@Readiness
@ApplicationScoped
public class KafkaReadiness implements HealthCheck {

    private static final Duration CHECK_TIMEOUT = Duration.ofSeconds(3);

    private final Admin admin;
    private final String bootstrapServers;

    public KafkaReadiness(@ConfigProperty(name = "kafka.bootstrap.servers") String bootstrapServers) {
        this.bootstrapServers = bootstrapServers;
        this.admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                AdminClientConfig.CLIENT_ID_CONFIG, "thinkmeter-ingest-health",
                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, (int) CHECK_TIMEOUT.toMillis(),
                AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) CHECK_TIMEOUT.toMillis()));
    }

    @Override
    public HealthCheckResponse call() {
        var response = HealthCheckResponse.named("kafka").withData("bootstrap.servers", bootstrapServers);
        try {
            int nodes = admin.describeCluster(new DescribeClusterOptions().timeoutMs((int) CHECK_TIMEOUT.toMillis()))
                    .nodes().get(CHECK_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS).size();
            return response.status(nodes > 0).withData("nodes", nodes).build();
        } catch (ExecutionException | TimeoutException e) {
            return response.down().withData("error", String.valueOf(e.getCause() == null ? e : e.getCause())).build();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return response.down().withData("error", "interrupted").build();
        }
    }

    @PreDestroy
    void close() {
        admin.close(Duration.ofSeconds(5));
    }
}
