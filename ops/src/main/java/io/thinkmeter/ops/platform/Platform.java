package io.thinkmeter.ops.platform;

import io.thinkmeter.contracts.Pool;
import io.thinkmeter.contracts.Topics;
import io.thinkmeter.migrations.Migrations;
import io.thinkmeter.ops.embedded.EmbeddedKafka;
import io.thinkmeter.scheduler.SchedulerMain;
import io.thinkmeter.storage.EmbeddedPostgres;
import io.thinkmeter.storage.sink.StorageSink;
import io.thinkmeter.workers.engine.StopTemperatureTable;
import io.thinkmeter.workers.model.ReasonerModel;
import io.thinkmeter.workers.runtime.RuntimeOptions;
import io.thinkmeter.workers.service.PoolWorker;
import io.thinkmeter.workers.service.ServedModels;
import io.thinkmeter.workers.service.WorkerConfig;
import org.apache.kafka.streams.KafkaStreams;

import javax.sql.DataSource;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;

/**
 * The whole platform on one machine: a real KRaft Kafka broker and a real PostgreSQL, the
 * scheduler's Kafka Streams topology, one worker per pool and the storage sink, each service on
 * its own threads with its own Kafka clients, exactly as they would run in separate processes.
 */
public final class Platform implements AutoCloseable {

    private final List<AutoCloseable> stopOrder = new ArrayList<>();
    private final List<Thread> threads = new ArrayList<>();
    private final List<PoolWorker> workers = new ArrayList<>();
    private EmbeddedKafka kafka;
    private EmbeddedPostgres postgres;
    private DataSource database;
    private StorageSink sink;

    private Platform() {}

    /**
     * @param dir working directory for the broker's data and logs
     * @param models the model directories every worker serves
     * @param maxInFlight sequences each worker decodes at once
     * @param schedulerOverrides extra scheduler properties (quotas, thresholds); may be empty
     */
    public static Platform start(Path dir, ModelDirs models, int maxInFlight, Properties schedulerOverrides)
            throws IOException {
        Platform p = new Platform();
        try {
            p.startInfrastructure(dir);
            p.startScheduler(schedulerOverrides);
            for (Pool pool : Pool.values()) {
                p.startWorker(pool, models, maxInFlight);
            }
            p.startSink();
            return p;
        } catch (IOException | RuntimeException e) {
            p.close();
            throw e;
        }
    }

    private void startInfrastructure(Path dir) throws IOException {
        kafka = EmbeddedKafka.start(dir.resolve("kafka"));
        stopOrder.add(0, kafka);
        kafka.createTopics(Topics.all(), 3);
        postgres = EmbeddedPostgres.start();
        stopOrder.add(0, postgres);
        database = postgres.database("thinkmeter");
        Migrations.migrate(database);
    }

    private void startScheduler(Properties overrides) {
        Properties props = new Properties();
        props.put("bootstrap.servers", kafka.bootstrapServers());
        props.put("state.dir", kafka.directory().resolve("streams").toString());
        props.put("commit.interval.ms", "100");
        props.putAll(overrides);
        SchedulerMain scheduler = SchedulerMain.start(props);
        stopOrder.add(0, scheduler);
        awaitRunning(scheduler.streams());
    }

    private void startWorker(Pool pool, ModelDirs models, int maxInFlight) throws IOException {
        ReasonerModel reasoner = models.openMain(RuntimeOptions.cpuDefaults());
        stopOrder.add(0, reasoner);
        ReasonerModel tldr = models.openTldr(RuntimeOptions.cpuDefaults());
        if (tldr != null) {
            stopOrder.add(0, tldr);
        }
        PoolWorker worker = new PoolWorker(new WorkerConfig(kafka.bootstrapServers(), pool, maxInFlight,
                "worker-" + pool.wireName() + "-1"),
                new ServedModels(reasoner, StopTemperatureTable.forModel(reasoner), tldr));
        workers.add(worker);
        start(worker, "worker-" + pool.wireName());
    }

    private void startSink() {
        sink = new StorageSink(kafka.bootstrapServers(), database);
        start(sink, "storage-sink");
    }

    private void start(Runnable service, String name) {
        Thread t = new Thread(service, name);
        t.setDaemon(true);
        t.start();
        threads.add(t);
    }

    private static void awaitRunning(KafkaStreams streams) {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (streams.state() != KafkaStreams.State.RUNNING) {
            if (System.nanoTime() > deadline || streams.state() == KafkaStreams.State.ERROR) {
                throw new IllegalStateException("the scheduler did not reach RUNNING (state " + streams.state() + ")");
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while starting the scheduler", e);
            }
        }
    }

    public String bootstrapServers() {
        return kafka.bootstrapServers();
    }

    public String jdbcUrl() {
        return postgres.jdbcUrl("thinkmeter");
    }

    public DataSource database() {
        return database;
    }

    public EmbeddedKafka kafka() {
        return kafka;
    }

    /** Stops taking work, lets workers finish what is in flight, then stops services and servers. */
    @Override
    public void close() {
        workers.forEach(PoolWorker::stop);
        if (sink != null) {
            sink.stop();
        }
        for (Thread t : threads) {
            try {
                t.join(120_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        for (AutoCloseable c : stopOrder) {
            try {
                c.close();
            } catch (Exception e) {
                System.err.println("thinkmeter: error while stopping " + c.getClass().getSimpleName() + ": " + e);
            }
        }
    }
}
