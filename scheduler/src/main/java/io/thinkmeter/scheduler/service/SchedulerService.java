package io.thinkmeter.scheduler.service;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.kafka.KafkaStreamsMetrics;
import io.quarkus.runtime.Quarkus;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.thinkmeter.contracts.TenantQuota;
import io.thinkmeter.scheduler.PromptBound;
import io.thinkmeter.scheduler.SchedulerConfig;
import io.thinkmeter.scheduler.SchedulerMain;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsConfig;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import java.time.Duration;
import java.util.OptionalLong;
import java.util.Properties;

/**
 * One process runs the scheduler topology ({@link SchedulerMain}). When Kafka Streams stops on a failure
 * it would not skip, the process exits with status 1 so its supervisor restarts it.
 */
@ApplicationScoped
public class SchedulerService {

    private static final Logger LOG = Logger.getLogger(SchedulerService.class);

    private final SchedulerSettings settings;
    private final String bootstrapServers;
    private final MeterRegistry registry;
    private SchedulerMain scheduler;

    public SchedulerService(SchedulerSettings settings,
                            @ConfigProperty(name = "kafka.bootstrap.servers") String bootstrapServers,
                            MeterRegistry registry) {
        this.settings = settings;
        this.bootstrapServers = bootstrapServers;
        this.registry = registry;
    }

    void start(@Observes StartupEvent event) {
        SchedulerConfig config = config(settings);
        scheduler = SchedulerMain.start(config, streamsProperties(), new BudgetGauges(registry));
        // Kafka Streams' own figures: consumer lag, process rates, commit latency
        new KafkaStreamsMetrics(scheduler.streams()).bindTo(registry);
        Thread watch = new Thread(this::exitOnFailure, "scheduler-failure-watch");
        watch.setDaemon(true);
        watch.start();
        LOG.infof("scheduler: routing from %s (short <= %d, medium <= %d)", bootstrapServers, config.shortMax(),
                config.mediumMax());
    }

    private void exitOnFailure() {
        try {
            scheduler.awaitStop(Duration.ofDays(36500));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return;
        }
        if (scheduler.streams().state() == KafkaStreams.State.ERROR) {
            LOG.error("scheduler: Kafka Streams stopped on a failure; exiting so the process is restarted");
            Quarkus.asyncExit(1);
        }
    }

    static SchedulerConfig config(SchedulerSettings settings) {
        SchedulerConfig defaults = SchedulerConfig.defaults();
        SchedulerConfig config = defaults
                .withThresholds(settings.shortMax().orElse(defaults.shortMax()),
                        settings.mediumMax().orElse(defaults.mediumMax()))
                .withUsageRetentionDays(settings.usageRetentionDays().orElse(defaults.usageRetentionDays()));
        if (settings.dailyQuota().isPresent()) {
            config = config.withDefaultDailyQuota(settings.dailyQuota().getAsLong());
        }
        for (var quota : settings.tenantDailyQuota().entrySet()) {
            config = config.withTenantDailyQuota(quota.getKey(), quota.getValue());
        }
        if (settings.monthlyQuota().isPresent()) {
            config = config.withDefaultMonthlyQuota(settings.monthlyQuota().getAsLong());
        }
        for (var quota : settings.tenantMonthlyQuota().entrySet()) {
            config = config.withTenantMonthlyQuota(quota.getKey(), quota.getValue());
        }
        for (var key : settings.apiKeyBudget().entrySet()) {
            config = config.withApiKeyBudget(key.getKey(), new TenantQuota.KeyBudget(
                    orNull(key.getValue().day()), orNull(key.getValue().month())));
        }
        if (settings.softThreshold().isPresent()) {
            config = config.withSoftThreshold(settings.softThreshold().getAsDouble());
        }
        if (settings.reservationTimeout().isPresent()) {
            config = config.withReservationTimeout(settings.reservationTimeout().get());
        }
        if (settings.expiryCheckInterval().isPresent()) {
            config = config.withExpiryCheckInterval(settings.expiryCheckInterval().get());
        }
        PromptBound bound = config.promptBound();
        return config.withPromptBound(new PromptBound(settings.promptAllowance().orElse(bound.fixed()),
                settings.promptAllowancePerMessage().orElse(bound.perMessage())));
    }

    private static Long orNull(OptionalLong value) {
        return value.isPresent() ? value.getAsLong() : null;
    }

    private Properties streamsProperties() {
        Properties p = new Properties();
        p.putAll(settings.streams());
        p.setProperty(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        settings.stateDir().ifPresent(dir -> p.setProperty(StreamsConfig.STATE_DIR_CONFIG, dir.toString()));
        settings.commitInterval().ifPresent(every ->
                p.setProperty(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, Long.toString(every.toMillis())));
        return p;
    }

    void stop(@Observes ShutdownEvent event) {
        if (scheduler != null) {
            scheduler.close();
        }
    }

    KafkaStreams streams() {
        return scheduler == null ? null : scheduler.streams();
    }
}
