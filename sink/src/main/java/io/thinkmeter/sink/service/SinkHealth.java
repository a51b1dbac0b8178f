package io.thinkmeter.sink.service;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Liveness;
import org.eclipse.microprofile.health.Readiness;

import java.sql.Connection;
import java.sql.SQLException;

/**
 * {@code /q/health/live}: DOWN once the sink's loop has died (restart the process; nothing it had not
 * committed is lost). {@code /q/health/ready}: UP when PostgreSQL answers, the last poll went through
 * (Kafka answers and the write committed) and the consumer has its partitions.
 */
@ApplicationScoped
public class SinkHealth {

    private static final int DATABASE_TIMEOUT_SECONDS = 2;

    @Produces
    @Liveness
    @Singleton
    HealthCheck loopAlive(SinkService service) {
        return () -> {
            var response = HealthCheckResponse.named("sink-loop");
            Throwable failure = service.failure();
            return (failure == null ? response.up() : response.down().withData("error", failure.toString())).build();
        };
    }

    @Produces
    @Readiness
    @Singleton
    HealthCheck storing(SinkService service) {
        return () -> {
            boolean assigned = service.sink() != null && service.sink().assigned();
            String failing = service.sink() == null ? "starting" : service.sink().failing();
            String database = databaseAnswers(service);
            var response = HealthCheckResponse.named("sink")
                    .withData("partitions-assigned", assigned)
                    .withData("postgresql", database == null ? "answers" : database);
            if (failing != null) {
                response.withData("failing", failing);
            }
            return response.status(assigned && failing == null && database == null).build();
        };
    }

    /** Null when PostgreSQL answers; what went wrong otherwise. */
    private static String databaseAnswers(SinkService service) {
        if (service.database() == null) {
            return "not connected yet";
        }
        try (Connection c = service.database().getConnection()) {
            return c.isValid(DATABASE_TIMEOUT_SECONDS) ? null : "no answer within " + DATABASE_TIMEOUT_SECONDS + " s";
        } catch (SQLException e) {
            return e.getMessage();
        }
    }
}
