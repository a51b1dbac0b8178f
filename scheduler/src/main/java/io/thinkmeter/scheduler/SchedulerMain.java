package io.thinkmeter.scheduler;

import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Properties;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Runs the scheduler topology in one {@link KafkaStreams} instance built from properties (see
 * {@link SchedulerProperties}). Embed it with {@link #start(Properties)} and {@link #close()}, or run
 * {@code SchedulerMain scheduler.properties} as a process that stops cleanly on SIGTERM.
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
     * Builds the topology from the "thinkmeter.scheduler." keys and starts it with the other keys.
     * Returns once the tenants' quotas are loaded from their topic (the global store), so the broker
     * must be reachable and the topics created; otherwise it fails after the global consumer's
     * timeout ({@code task.timeout.ms}, 5 minutes by default) with everything stopped.
     */
    public static SchedulerMain start(Properties properties) {
        SchedulerMain main = new SchedulerMain(SchedulerTopology.build(SchedulerProperties.config(properties)),
                SchedulerProperties.streams(properties));
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

    public static void main(String[] args) throws IOException, InterruptedException {
        if (args.length != 1) {
            System.err.println("usage: SchedulerMain scheduler.properties");
            System.exit(2);
        }
        Properties properties = new Properties();
        try (Reader in = Files.newBufferedReader(Path.of(args[0]))) {
            properties.load(in);
        }
        SchedulerMain scheduler = start(properties);
        Runtime.getRuntime().addShutdownHook(new Thread(scheduler::close, "scheduler-shutdown"));
        scheduler.stopped.await();
        if (scheduler.streams.state() == KafkaStreams.State.ERROR) {
            System.exit(1);
        }
    }
}
