package io.thinkmeter.workers.quarkus;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Liveness;
import org.eclipse.microprofile.health.Readiness;

/**
 * {@code /q/health/live}: DOWN once the worker loop's thread has died (restart the process: what it had
 * in flight was never committed and is redelivered). {@code /q/health/ready}: UP once the model is
 * loaded, the loop is polling and its consumer has partitions of the pool's topic (so the broker answers and the
 * group took it in); DOWN while starting, joining, stopping, and while the broker is away.
 */
@ApplicationScoped
public class WorkerHealth {

    @Produces
    @Liveness
    @Singleton
    HealthCheck loopAlive(WorkerService service) {
        return () -> {
            var response = HealthCheckResponse.named("worker-loop").withData("state", service.state().name());
            if (service.died()) {
                response.down().withData("error", String.valueOf(service.failure()));
            } else {
                response.up();
            }
            return response.build();
        };
    }

    @Produces
    @Readiness
    @Singleton
    HealthCheck serving(WorkerService service) {
        return () -> HealthCheckResponse.named("worker")
                .status(service.state() == WorkerService.State.RUNNING && service.assigned())
                .withData("state", service.state().name())
                .withData("partitions-assigned", service.assigned())
                .withData("pool", service.settings().pool().wireName())
                .withData("worker", String.valueOf(service.workerId()))
                .build();
    }
}
