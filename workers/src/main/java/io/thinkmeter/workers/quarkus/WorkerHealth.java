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
 * loaded and the loop is polling its pool's topic; DOWN while starting and stopping.
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
                .status(service.state() == WorkerService.State.RUNNING)
                .withData("state", service.state().name())
                .withData("pool", service.settings().pool().wireName())
                .withData("worker", String.valueOf(service.workerId()))
                .build();
    }
}
