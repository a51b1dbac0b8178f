package io.thinkmeter.ingest;

import io.thinkmeter.contracts.ConsumerGroups;
import io.thinkmeter.contracts.Pool;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ConsumerGroupDescription;
import org.apache.kafka.clients.admin.DescribeConsumerGroupsOptions;
import org.apache.kafka.common.KafkaFuture;
import org.apache.kafka.common.errors.GroupIdNotFoundException;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Readiness;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Ready only while the pipeline can run work: the scheduler, a worker for every pool and the storage
 * sink each have a member in their Kafka consumer group, whatever runs them. Submissions are still
 * accepted while this is DOWN (Kafka holds the work until the service is back); the check tells a
 * load balancer, or an operator, that accepted work is not moving. Off with
 * {@code thinkmeter.ingest.readiness.pipeline=false}.
 */
@Readiness
@ApplicationScoped
public class PipelineReadiness implements HealthCheck {

    static final String NAME = "pipeline";

    /** A service the pipeline needs, the group its instances join, and what its absence means. */
    record Service(String name, String group, String missing) {}

    static final List<Service> SERVICES = services();

    private final Admin admin;
    private final boolean enabled;

    public PipelineReadiness(Admin admin, IngestConfig config) {
        this.admin = admin;
        this.enabled = config.readiness().pipeline();
    }

    @Override
    public HealthCheckResponse call() {
        HealthCheckResponseBuilder response = HealthCheckResponse.named(NAME);
        if (!enabled) {
            return response.up().withData("checked", "no: thinkmeter.ingest.readiness.pipeline is false").build();
        }
        long timeoutMillis = KafkaAdmin.CHECK_TIMEOUT.toMillis();
        Map<String, KafkaFuture<ConsumerGroupDescription>> groups = admin.describeConsumerGroups(
                        SERVICES.stream().map(Service::group).toList(),
                        new DescribeConsumerGroupsOptions().timeoutMs((int) timeoutMillis))
                .describedGroups();
        long deadline = System.nanoTime() + KafkaAdmin.CHECK_TIMEOUT.toNanos();
        List<String> missing = new ArrayList<>();
        try {
            for (Service s : SERVICES) {
                int members = members(groups.get(s.group()), deadline);
                response.withData(s.name(), members);
                if (members == 0) {
                    missing.add(s.missing() + " (consumer group " + s.group() + " has no members)");
                }
            }
        } catch (ExecutionException | TimeoutException e) {
            return response.down().withData("error", "Kafka did not describe the consumer groups within "
                    + KafkaAdmin.CHECK_TIMEOUT.toSeconds() + " s: " + (e.getCause() == null ? e : e.getCause()))
                    .build();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return response.down().withData("error", "interrupted").build();
        }
        if (!missing.isEmpty()) {
            response.withData("missing", String.join("; ", missing));
        }
        return response.status(missing.isEmpty()).build();
    }

    private static int members(KafkaFuture<ConsumerGroupDescription> group, long deadline)
            throws ExecutionException, TimeoutException, InterruptedException {
        try {
            return group.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS).members().size();
        } catch (ExecutionException e) {
            if (e.getCause() instanceof GroupIdNotFoundException) {
                // never joined, or gone: no member
                return 0;
            }
            throw e;
        }
    }

    private static List<Service> services() {
        List<Service> services = new ArrayList<>();
        services.add(new Service("scheduler", ConsumerGroups.SCHEDULER, "no scheduler is running"));
        for (Pool pool : Pool.values()) {
            services.add(new Service("workers-" + pool.wireName(), ConsumerGroups.workers(pool),
                    "no worker serves pool " + pool.wireName()));
        }
        services.add(new Service("sink", ConsumerGroups.SINK, "no storage sink is running"));
        return List.copyOf(services);
    }
}
