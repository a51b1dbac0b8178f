package io.thinkmeter.ops;

import io.thinkmeter.contracts.Pool;
import io.thinkmeter.migrations.Migrations;
import io.thinkmeter.scheduler.SchedulerMain;
import io.thinkmeter.storage.sink.StorageSink;
import io.thinkmeter.workers.engine.StopTemperatureTable;
import io.thinkmeter.workers.model.ReasonerModel;
import io.thinkmeter.workers.service.PoolWorker;
import io.thinkmeter.workers.service.ServedModels;
import io.thinkmeter.workers.service.WorkerConfig;
import org.postgresql.ds.PGSimpleDataSource;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.io.FileReader;
import java.io.IOException;
import java.io.Reader;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Properties;
import java.util.concurrent.Callable;

/**
 * {@code thinkmeter service NAME}: one platform service as its own process, until SIGTERM. This is
 * what docker-compose runs; the embedded demo runs the same classes in one process.
 */
@Command(name = "service", mixinStandardHelpOptions = true, description = "Run one platform service until stopped.",
        subcommands = {ServiceCommand.Scheduler.class, ServiceCommand.Worker.class, ServiceCommand.Sink.class})
final class ServiceCommand {

    @Command(name = "scheduler", mixinStandardHelpOptions = true,
            description = "Route submitted requests to the pools (Kafka Streams), with per-tenant daily quotas.")
    static final class Scheduler implements Callable<Integer> {

        @Option(names = "--bootstrap-servers", required = true)
        String bootstrap;

        @Option(names = "--config", description = "properties file (thinkmeter.scheduler.* and Kafka Streams keys)")
        Path config;

        @Override
        public Integer call() throws Exception {
            Properties props = new Properties();
            if (config != null) {
                try (Reader r = new FileReader(config.toFile())) {
                    props.load(r);
                }
            }
            props.put("bootstrap.servers", bootstrap);
            try (SchedulerMain scheduler = SchedulerMain.start(props)) {
                Runtime.getRuntime().addShutdownHook(new Thread(scheduler::close, "scheduler-shutdown"));
                scheduler.awaitStop(Duration.ofDays(3650));
            }
            return 0;
        }
    }

    @Command(name = "worker", mixinStandardHelpOptions = true,
            description = "Decode one pool's requests and write their results.")
    static final class Worker implements Callable<Integer> {

        @Option(names = "--bootstrap-servers", required = true)
        String bootstrap;

        @Option(names = "--pool", required = true, description = "short, medium or long")
        String pool;

        @Option(names = "--max-in-flight", defaultValue = "16")
        int maxInFlight;

        @Option(names = "--worker-id", description = "default: worker-POOL-HOSTNAME")
        String workerId;

        @Mixin
        ModelOptions modelOptions;

        @Override
        public Integer call() throws Exception {
            Pool p = Pool.fromWireName(pool);
            String id = workerId != null ? workerId : "worker-" + p.wireName() + "-" + hostname();
            try (ReasonerModel model = modelOptions.open(); ReasonerModel tldr = modelOptions.openTldr()) {
                PoolWorker worker = new PoolWorker(new WorkerConfig(bootstrap, p, maxInFlight, id),
                        new ServedModels(model, StopTemperatureTable.forModel(model), tldr));
                runUntilStopped(worker, worker::stop);
            }
            return 0;
        }
    }

    @Command(name = "sink", mixinStandardHelpOptions = true,
            description = "Store requests, rejections and results in PostgreSQL (migrates the schema first).")
    static final class Sink implements Callable<Integer> {

        @Option(names = "--bootstrap-servers", required = true)
        String bootstrap;

        @Option(names = "--jdbc-url", required = true, description = "jdbc:postgresql://host:port/db")
        String jdbcUrl;

        @Option(names = "--db-user", defaultValue = "postgres")
        String user;

        @Option(names = "--db-password", defaultValue = "${env:THINKMETER_DB_PASSWORD}")
        String password;

        @Override
        public Integer call() {
            PGSimpleDataSource ds = new PGSimpleDataSource();
            ds.setUrl(jdbcUrl);
            ds.setUser(user);
            if (password != null) {
                ds.setPassword(password);
            }
            Migrations.migrate(ds);
            StorageSink sink = new StorageSink(bootstrap, ds);
            runUntilStopped(sink, sink::stop);
            return 0;
        }
    }

    /** Runs the service on this thread; SIGTERM asks it to stop and waits for it to finish. */
    static void runUntilStopped(Runnable service, Runnable stop) {
        Thread main = Thread.currentThread();
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            stop.run();
            try {
                main.join(120_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "service-shutdown"));
        service.run();
    }

    private static String hostname() {
        try {
            return java.net.InetAddress.getLocalHost().getHostName();
        } catch (IOException e) {
            return "local";
        }
    }
}
