package io.thinkmeter.ops;

import io.thinkmeter.contracts.Pool;
import io.thinkmeter.scheduler.SchedulerMain;
import io.thinkmeter.storage.DatabaseLogin;
import io.thinkmeter.storage.DatabaseSetup;
import io.thinkmeter.storage.sink.StorageSink;
import io.thinkmeter.workers.engine.StopTemperatureTable;
import io.thinkmeter.workers.model.ReasonerModel;
import io.thinkmeter.workers.service.PoolWorker;
import io.thinkmeter.workers.service.ServedModels;
import io.thinkmeter.workers.service.WorkerConfig;
import org.apache.kafka.streams.KafkaStreams;
import picocli.CommandLine;
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
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * {@code thinkmeter service NAME}: one platform service as its own process, until SIGTERM. This is
 * what docker-compose runs; the embedded demo runs the same classes in one process.
 */
@Command(name = "service", mixinStandardHelpOptions = true, description = "Run one platform service until stopped.",
        subcommands = {ServiceCommand.Scheduler.class, ServiceCommand.Worker.class, ServiceCommand.Sink.class,
                ServiceCommand.Migrate.class})
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
                // stopped by a failure the scheduler would not skip: say so, so a supervisor restarts it
                return scheduler.streams().state() == KafkaStreams.State.ERROR ? 1 : 0;
            }
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
            description = "Store requests, rejections, batches and results in PostgreSQL (run `service migrate` first).")
    static final class Sink implements Callable<Integer> {

        @Option(names = "--bootstrap-servers", required = true)
        String bootstrap;

        @Option(names = "--jdbc-url", required = true, description = "jdbc:postgresql://host:port/db")
        String jdbcUrl;

        @Option(names = "--db-user", defaultValue = DatabaseSetup.SERVICE_LOGIN,
                description = "a login in thinkmeter_service (default: ${DEFAULT-VALUE})")
        String user;

        @Option(names = "--db-password", defaultValue = "${env:THINKMETER_DB_PASSWORD}",
                description = "default: the environment's THINKMETER_DB_PASSWORD")
        String password;

        @Override
        public Integer call() {
            StorageSink sink = new StorageSink(bootstrap, new DatabaseLogin(user, password).dataSource(jdbcUrl));
            runUntilStopped(sink, sink::stop);
            return 0;
        }
    }

    @Command(name = "migrate", mixinStandardHelpOptions = true,
            description = "Set up the roles and the database (least privilege) and migrate its schema as its owner; "
                    + "run once before the services, as a superuser.")
    static final class Migrate implements Callable<Integer> {

        @Option(names = "--jdbc-url", required = true, description = "the database: jdbc:postgresql://host:port/db")
        String jdbcUrl;

        @Option(names = "--superuser", defaultValue = "postgres")
        String superuser;

        @Option(names = "--superuser-password", defaultValue = "${env:THINKMETER_DB_SUPERUSER_PASSWORD}",
                description = "default: the environment's THINKMETER_DB_SUPERUSER_PASSWORD")
        String superuserPassword;

        @Option(names = "--owner-password", defaultValue = "${env:THINKMETER_DB_OWNER_PASSWORD}",
                description = "for thinkmeter_owner; default: the environment's THINKMETER_DB_OWNER_PASSWORD")
        String ownerPassword;

        @Option(names = "--service-password", defaultValue = "${env:THINKMETER_DB_PASSWORD}",
                description = "for thinkmeter_app; default: the environment's THINKMETER_DB_PASSWORD")
        String servicePassword;

        @Override
        public Integer call() {
            if (ownerPassword == null || servicePassword == null) {
                throw new CommandLine.ParameterException(new CommandLine(this),
                        "the owner's and the services' passwords are needed: --owner-password and --service-password "
                                + "(or THINKMETER_DB_OWNER_PASSWORD and THINKMETER_DB_PASSWORD)");
            }
            DatabaseSetup.ensure(new DatabaseLogin(superuser, superuserPassword), jdbcUrl, ownerPassword,
                    servicePassword);
            String database = jdbcUrl.substring(jdbcUrl.lastIndexOf('/') + 1);
            System.out.println("database " + database + " is set up and migrated");
            return 0;
        }
    }

    /**
     * Runs the service on this thread; SIGTERM asks it to stop and waits (bounded) for it to finish.
     * The hook waits for the service's loop, not for this thread: the thread goes on to System.exit,
     * which blocks while shutdown hooks run, so waiting for it would only run out the timeout.
     */
    static void runUntilStopped(Runnable service, Runnable stop) {
        CountDownLatch finished = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            stop.run();
            try {
                finished.await(120, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "service-shutdown"));
        try {
            service.run();
        } finally {
            finished.countDown();
        }
    }

    private static String hostname() {
        try {
            return java.net.InetAddress.getLocalHost().getHostName();
        } catch (IOException e) {
            return "local";
        }
    }
}
