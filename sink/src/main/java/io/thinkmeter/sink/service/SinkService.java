package io.thinkmeter.sink.service;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.kafka.KafkaClientMetrics;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.thinkmeter.sink.SinkClients;
import io.thinkmeter.sink.StorageSink;
import io.thinkmeter.storage.DatabaseLogin;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import javax.sql.DataSource;

/**
 * One process runs one {@link StorageSink} loop on its own thread. On shutdown the loop finishes the
 * poll it is storing and commits; what it had not committed is read again by the next sink.
 */
@ApplicationScoped
public class SinkService {

    private static final Logger LOG = Logger.getLogger(SinkService.class);

    private final SinkConfig settings;
    private final String bootstrapServers;
    private final MeterRegistry registry;
    private DataSource database;
    private StorageSink sink;
    private Thread thread;
    private volatile Throwable failure;
    private volatile boolean stopping;

    public SinkService(SinkConfig settings, @ConfigProperty(name = "kafka.bootstrap.servers") String bootstrapServers,
                       MeterRegistry registry) {
        this.settings = settings;
        this.bootstrapServers = bootstrapServers;
        this.registry = registry;
    }

    void start(@Observes StartupEvent event) {
        database = new DatabaseLogin(settings.dbUser(), settings.dbPassword()).dataSource(settings.jdbcUrl());
        KafkaConsumer<String, String> consumer = SinkClients.consumer(bootstrapServers,
                new io.thinkmeter.sink.SinkSettings(settings.maxPollRecords()));
        KafkaProducer<String, String> deadLetters = SinkClients.deadLetterProducer(bootstrapServers);
        // Kafka's own client figures, consumer lag (records-lag-max) among them
        new KafkaClientMetrics(consumer).bindTo(registry);
        new KafkaClientMetrics(deadLetters).bindTo(registry);
        sink = new StorageSink(consumer, deadLetters, database, new SinkMetrics(registry));
        thread = new Thread(this::runLoop, "storage-sink");
        thread.setDaemon(true);
        thread.start();
        LOG.infof("sink: storing from %s into %s as %s", bootstrapServers, settings.jdbcUrl(), settings.dbUser());
    }

    private void runLoop() {
        try {
            sink.run();
            if (!stopping) {
                failure = new IllegalStateException("the sink loop returned without being asked to stop");
            }
        } catch (Throwable t) {
            failure = t;
            LOG.errorf(t, "sink: the loop died; liveness is DOWN");
        }
    }

    void stop(@Observes ShutdownEvent event) {
        if (sink == null) {
            return;
        }
        stopping = true;
        sink.stop();
        try {
            thread.join(settings.drainTimeout().toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        LOG.infof("sink: stopped after storing %d new result(s)", sink.storedResults());
    }

    /** Null while the loop runs or was asked to stop; the reason it died otherwise. */
    Throwable failure() {
        return failure;
    }

    StorageSink sink() {
        return sink;
    }

    DataSource database() {
        return database;
    }
}
