package io.thinkmeter.workers.quarkus;

import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.thinkmeter.contracts.DeadLetter;
import io.thinkmeter.contracts.ProblemResult;
import io.thinkmeter.engine.runtime.RuntimeOptions;
import io.thinkmeter.workers.service.PoolWorker;
import io.thinkmeter.workers.service.ServedModels;
import io.thinkmeter.workers.service.WorkerConfig;
import io.thinkmeter.workers.service.WorkerFactory;
import io.micrometer.core.instrument.binder.kafka.KafkaClientMetrics;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import java.io.IOException;
import java.time.Duration;

/**
 * One process, one pool: opens the model at startup and runs {@link PoolWorker} on its own thread. On
 * shutdown it asks the loop to stop taking work and waits (up to {@code drain-timeout}) while the loop
 * finishes the requests in flight, writes their results and commits; then it closes the model. A
 * request whose result was not written is not committed, so Kafka hands it to the pool's next worker.
 */
@ApplicationScoped
public class WorkerService {

    private static final Logger LOG = Logger.getLogger(WorkerService.class);

    /** What health reports. */
    enum State { STARTING, RUNNING, STOPPING, STOPPED, FAILED }

    private final WorkerSettings settings;
    private final String bootstrapServers;
    private final MeterRegistry registry;

    private ServedModels models;
    private PoolWorker worker;
    private WorkerMetrics metrics;
    private Thread thread;
    private volatile State state = State.STARTING;
    private volatile Throwable failure;
    private String workerId;

    public WorkerService(WorkerSettings settings,
                         @ConfigProperty(name = "kafka.bootstrap.servers") String bootstrapServers,
                         MeterRegistry registry) {
        this.settings = settings;
        this.bootstrapServers = bootstrapServers;
        this.registry = registry;
    }

    void start(@Observes StartupEvent event) throws IOException {
        workerId = settings.id().orElseGet(() -> WorkerFactory.defaultWorkerId(settings.pool()));
        if (System.getProperty("ai.djl.offline") == null) {
            // The model and its natives ship with the service; a worker never downloads anything.
            System.setProperty("ai.djl.offline", "true");
        }
        long begin = System.nanoTime();
        // A worker without its model is useless: a failure here stops the application.
        RuntimeOptions runtime = new RuntimeOptions(settings.runtime().providerName(), settings.threads(),
                settings.deviceId());
        models = WorkerFactory.open(settings.modelDir(), settings.tldrModelDir().orElse(null), runtime);
        LOG.infof("%s: model %s loaded from %s on %s in %d ms", workerId, models.main().descriptor().name(),
                settings.modelDir().toAbsolutePath(), settings.runtime().providerName(),
                Duration.ofNanos(System.nanoTime() - begin).toMillis());
        if (models.tldr() != null) {
            LOG.infof("%s: method tldr served by %s (levels %s)", workerId, models.tldr().descriptor().name(),
                    models.tldr().descriptor().levels() == null ? "none" : models.tldr().descriptor().levels().keySet());
        }
        WorkerConfig config = new WorkerConfig(bootstrapServers, settings.pool(), settings.maxInFlight(), workerId);
        metrics = new WorkerMetrics(registry, settings.pool(), () -> worker == null ? 0 : worker.inFlight());
        // TS requests without a tau get one from the model's calibration.json when it has one.
        LOG.infof("%s: stop temperatures %s", workerId, models.stopTemperatures().description());
        PoolWorker.Listener listener = new PoolWorker.Listener() {
            @Override
            public void started() {
                if (state == State.STARTING) {
                    state = State.RUNNING;
                }
                LOG.infof("%s: serving pool %s from %s (at most %d in flight)", workerId,
                        settings.pool().wireName(), bootstrapServers, settings.maxInFlight());
            }

            @Override
            public void resultWritten(ProblemResult result) {
                metrics.resultWritten(result);
            }

            @Override
            public void deadLettered(DeadLetter letter) {
                metrics.deadLettered(letter);
            }
        };
        WorkerFactory.Built built = WorkerFactory.build(config, models, listener);
        // Kafka's own client figures: the pool's consumer lag (records-lag-max) among them
        new KafkaClientMetrics(built.consumer()).bindTo(registry);
        new KafkaClientMetrics(built.producer()).bindTo(registry);
        worker = built.worker();
        thread = new Thread(this::runLoop, "pool-worker-" + settings.pool().wireName());
        thread.setDaemon(true); // shutdown joins it; a daemon never holds a failed start open
        thread.start();
    }

    private void runLoop() {
        try {
            worker.run();
            if (state != State.STOPPING) {
                failure = new IllegalStateException("the worker loop returned without being asked to stop");
                state = State.FAILED;
            } else {
                state = State.STOPPED;
            }
        } catch (Throwable t) {
            failure = t;
            state = State.FAILED;
            LOG.errorf(t, "%s: the worker loop died; liveness is DOWN", workerId);
        }
    }

    void stop(@Observes ShutdownEvent event) {
        if (worker == null) {
            return;
        }
        if (state != State.FAILED) {
            state = State.STOPPING;
        }
        LOG.infof("%s: stopping: finishing %d request(s) in flight", workerId, worker.inFlight());
        worker.stop();
        try {
            thread.join(settings.drainTimeout().toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (thread.isAlive()) {
            // Closing the model under a running loop would crash it; what was not committed is redelivered.
            LOG.warnf("%s: in-flight requests not finished within %s; leaving them to Kafka's redelivery",
                    workerId, settings.drainTimeout());
            return;
        }
        models.main().close();
        if (models.tldr() != null) {
            models.tldr().close();
        }
        LOG.infof("%s: stopped after %d request(s)", workerId, worker.completed());
    }

    State state() {
        return state;
    }

    boolean assigned() {
        return worker != null && worker.assigned();
    }

    /** Whether the loop's thread is gone for any reason other than being asked to stop. */
    boolean died() {
        return state == State.FAILED;
    }

    Throwable failure() {
        return failure;
    }

    String workerId() {
        return workerId;
    }

    WorkerSettings settings() {
        return settings;
    }
}
