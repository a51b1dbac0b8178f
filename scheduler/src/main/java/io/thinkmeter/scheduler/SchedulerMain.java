package io.thinkmeter.scheduler;

import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.Properties;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Runs the scheduler topology in one {@link KafkaStreams} instance. The service
 * ({@code io.thinkmeter.scheduler.service}) starts it; tests embed it with {@link #start} and {@link #close()}.
 */
public final class SchedulerMain implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(SchedulerMain.class);
    private static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(30);

    private final KafkaStreams streams;
    private final CountDownLatch stopped = new CountDownLatch(1);

    private SchedulerMain(Topology topology, Properties streamsConfig) {
        this.streams = new KafkaStreams(topology, streamsConfig);
        streams.setStateListener((now, before) -> {
            if (now == KafkaStreams.State.NOT_RUNNING || now == KafkaStreams.State.ERROR) {
                stopped.countDown();
            }
        });
        streams.setUncaughtExceptionHandler(SchedulerMain::onStreamThreadFailure);
    }

    /**
     * A broker outage longer than Kafka Streams' own retries ({@code task.timeout.ms}) ends a stream
     * thread with a timeout: that passes when the broker is back, so a fresh thread takes over and
     * resumes from the last committed transaction. Any other failure the topology did not turn into a
     * dead letter is a bug: stop rather than skip records (the process exits; its supervisor restarts it).
     */
    static StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse onStreamThreadFailure(Throwable e) {
        if (TransientFailure.isTransient(e)) {
            LOG.warn("scheduler stream thread failed on a passing fault; replacing the thread: {}", e.toString());
            return StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse.REPLACE_THREAD;
        }
        LOG.error("scheduler stream thread failed; shutting the scheduler down", e);
        return StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse.SHUTDOWN_CLIENT;
    }

    /**
     * Starts the topology for {@code config}; {@code properties} are Kafka Streams keys (bootstrap.servers
     * required) over the scheduler's defaults (see {@link StreamsDefaults#over}). Returns once the tenants'
     * quotas are loaded from their topic (the global store), so the broker must be reachable and the topics
     * created; otherwise it fails after the global consumer's timeout ({@code task.timeout.ms}, 5 minutes by
     * default) with everything stopped.
     */
    public static SchedulerMain start(SchedulerConfig config, Properties properties) {
        return start(config, properties, SpendObserver.NONE);
    }

    /** {@link #start(SchedulerConfig, Properties)}, telling {@code observer} of every change to the budgets. */
    public static SchedulerMain start(SchedulerConfig config, Properties properties, SpendObserver observer) {
        SchedulerMain main = new SchedulerMain(SchedulerTopology.build(config, observer),
                StreamsDefaults.over(properties));
        try {
            main.streams.start();
        } catch (RuntimeException e) {
            main.close();
            throw new IllegalStateException("the scheduler could not start (is Kafka at "
                    + properties.getProperty("bootstrap.servers") + " reachable, with the topics created?): "
                    + e.getMessage(), e);
        }
        return main;
    }

    public KafkaStreams streams() {
        return streams;
    }

    /** Waits until the streams stop (closed or failed); true if they did within the timeout. */
    public boolean awaitStop(Duration timeout) throws InterruptedException {
        return stopped.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Stops the stream threads, committing what they processed; safe to call more than once. */
    @Override
    public void close() {
        if (!streams.close(CLOSE_TIMEOUT)) {
            LOG.warn("scheduler did not stop within {}", CLOSE_TIMEOUT);
        }
    }
}
