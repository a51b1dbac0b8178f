package io.thinkmeter.scheduler.service;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import org.apache.kafka.streams.KafkaStreams;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Liveness;
import org.eclipse.microprofile.health.Readiness;

/**
 * {@code /q/health/live}: DOWN once Kafka Streams has stopped on a failure (the process is also exiting).
 * {@code /q/health/ready}: UP while Kafka Streams is RUNNING: the broker answers, the stream threads have
 * their partitions and the state stores are restored; DOWN while it starts, rebalances or recovers.
 */
@ApplicationScoped
public class SchedulerHealth {

    @Produces
    @Liveness
    @Singleton
    HealthCheck streamsAlive(SchedulerService service) {
        return () -> {
            KafkaStreams streams = service.streams();
            KafkaStreams.State state = streams == null ? KafkaStreams.State.CREATED : streams.state();
            return HealthCheckResponse.named("scheduler-streams").withData("state", state.name())
                    .status(state != KafkaStreams.State.ERROR && state != KafkaStreams.State.PENDING_ERROR).build();
        };
    }

    @Produces
    @Readiness
    @Singleton
    HealthCheck routing(SchedulerService service) {
        return () -> {
            KafkaStreams streams = service.streams();
            KafkaStreams.State state = streams == null ? KafkaStreams.State.CREATED : streams.state();
            return HealthCheckResponse.named("scheduler").withData("state", state.name())
                    .status(state == KafkaStreams.State.RUNNING).build();
        };
    }
}
