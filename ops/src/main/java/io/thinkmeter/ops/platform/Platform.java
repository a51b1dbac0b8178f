package io.thinkmeter.ops.platform;

import io.thinkmeter.contracts.Pool;
import io.thinkmeter.storage.DatabaseLogin;
import io.thinkmeter.storage.DatabaseSetup;
import io.thinkmeter.testkit.BrokerAdmin;
import io.thinkmeter.testkit.PortsFile;
import io.thinkmeter.testkit.CredentialsFile;

import javax.sql.DataSource;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Properties;
import java.util.function.Consumer;

/**
 * The whole platform on one machine, each part as it runs in production: a real KRaft Kafka broker
 * and a real PostgreSQL (durable, passwords required; child processes, or containers when a test asks,
 * see {@link Servers}), and the scheduler, one worker per pool, the
 * storage sink and ingest, each its own process, all under a {@link Supervisor} that restarts what dies.
 * Its state lives in a data directory ({@link StackLayout}): starting it again on the same directory
 * resumes the queue, the results and the secrets where they were.
 */
public final class Platform implements AutoCloseable {

    private static final Duration READY_TIMEOUT = Duration.ofMinutes(3);

    private final StackLayout layout;
    private final Supervisor supervisor;
    private final CredentialsFile secrets;
    private Servers servers = Servers.embedded();
    private KafkaBroker kafka;
    private Database postgres;
    private String url;
    private final java.util.Map<String, String> healthUrls = new java.util.concurrent.ConcurrentHashMap<>();

    private Platform(StackLayout layout, Consumer<String> log) {
        this.layout = layout;
        this.supervisor = new Supervisor(log);
        this.secrets = CredentialsFile.open(layout.secrets());
    }

    /** The platform without ingest: work is produced to Kafka directly. */
    public static Platform start(Path dir, ModelDirs models, int maxInFlight, Properties schedulerOverrides)
            throws IOException {
        return start(new StackOptions(dir, models, ServiceApps.here(), false, maxInFlight, schedulerOverrides),
                System.err::println);
    }

    /**
     * Starts every server and service and, with ingest, returns once ingest's readiness is UP (the
     * whole pipeline is running).
     *
     * @param log where the supervisor reports deaths and restarts
     */
    public static Platform start(StackOptions options, Consumer<String> log) throws IOException {
        Platform p = new Platform(new StackLayout(options.dataDir()), log);
        try {
            p.startAll(options);
            return p;
        } catch (Exception e) {
            p.close();
            if (e instanceof IOException io) {
                throw io;
            }
            if (e instanceof RuntimeException r) {
                throw r;
            }
            throw new IllegalStateException("the platform did not start: " + e.getMessage(), e);
        }
    }

    private void startAll(StackOptions o) throws Exception {
        PortsFile ports = PortsFile.open(layout.ports());
        servers = o.servers();
        kafka = servers.kafka(layout, ports);
        supervisor.start(kafka);
        postgres = servers.postgres(layout, ports, secrets.secret("postgres-owner"), secrets.secret("postgres-service"));
        supervisor.start(postgres);
        ServiceLaunch launch = new ServiceLaunch(layout, o.apps(), bootstrapServers());
        supervisor.start(launch.scheduler(o.schedulerOverrides(), httpPort(ports, "scheduler")));
        for (Pool pool : Pool.values()) {
            String name = "worker-" + pool.wireName();
            supervisor.start(launch.worker(pool, o.models(), o.maxInFlight(), httpPort(ports, name)));
        }
        supervisor.start(launch.sink(postgres.jdbcUrl(), service().user(), service().password(),
                httpPort(ports, "sink")));
        if (o.ingest()) {
            int port = ports.port("http");
            url = "http://127.0.0.1:" + port;
            healthUrls.put("ingest", url);
            ServiceProcess ingest = launch.ingest(port, postgres.jdbcUrl(), service().user(),
                    service().password(), adminKey(), o.models(), ModelLimits.of(o.models()));
            supervisor.start(ingest);
            IngestReadiness.await(url, READY_TIMEOUT, ingest);
        }
    }

    /** The services' login: least privilege ({@link DatabaseSetup}), whichever kind of server runs. */
    private DatabaseLogin service() {
        return new DatabaseLogin(DatabaseSetup.SERVICE_LOGIN, secrets.secret("postgres-service"));
    }

    /** A service's HTTP port (health and metrics), kept in the ports file like every other. */
    private int httpPort(PortsFile ports, String service) {
        int port = ports.port(service + "-http");
        healthUrls.put(service, "http://127.0.0.1:" + port);
        return port;
    }

    /**
     * Where a service answers {@code /q/health/live}, {@code /q/health/ready} and {@code /q/metrics}: scheduler,
     * worker-short, worker-medium, worker-long, sink, ingest. Null for the servers (kafka, postgres).
     */
    public String serviceUrl(String name) {
        return healthUrls.get(name);
    }

    public String bootstrapServers() {
        return kafka.bootstrapServers();
    }

    public String jdbcUrl() {
        return postgres.jdbcUrl();
    }

    /** The platform's database as the superuser: for tests and operators, not for the services. */
    public DataSource database() {
        return postgres.superuser().dataSource(postgres.jdbcUrl());
    }

    /** How many records of {@code topic} the consumer group has not committed yet, over all partitions. */
    public long lag(String group, String topic) throws InterruptedException, java.util.concurrent.ExecutionException {
        return BrokerAdmin.lag(bootstrapServers(), group, topic);
    }

    /** Ingest's address, or null when the platform runs without it. */
    public String url() {
        return url;
    }

    /** The {@code X-Admin-Key} for {@code POST /v1/tenants}: generated once per data directory. */
    public String adminKey() {
        return secrets.secret("admin-key");
    }

    /** Generated secrets and keys kept for the next start (mode 0600). */
    public CredentialsFile secrets() {
        return secrets;
    }

    public StackLayout layout() {
        return layout;
    }

    /** Every server and service, as the supervisor sees it. */
    public List<ServiceStatus> services() {
        return supervisor.statuses().stream().map(s -> s.withUrl(serviceUrl(s.name()))).toList();
    }

    public ServiceStatus service(String name) {
        return supervisor.status(name).withUrl(serviceUrl(name));
    }

    /**
     * Kills a server or service at once (SIGKILL), as a crash would; the supervisor starts it again.
     * Names: kafka, postgres, scheduler, worker-short, worker-medium, worker-long, sink, ingest.
     */
    public void kill(String name) {
        supervisor.get(name).kill();
    }

    /**
     * An outage of one server or service: killed now, kept down until the returned handle is closed,
     * then started again. {@code try (var outage = platform.outage("kafka")) { ... }}
     */
    public Outage outage(String name) {
        supervisor.takeDown(name);
        return () -> {
            try {
                supervisor.bringBack(name);
            } catch (Exception e) {
                throw new IllegalStateException(name + " did not come back after the outage: " + e.getMessage(), e);
            }
        };
    }

    /** A server or service held down; closing it brings it back. */
    @FunctionalInterface
    public interface Outage extends AutoCloseable {
        @Override
        void close();
    }

    /** Stops every service (in-flight work finishes first), then the servers, then what they shared. */
    @Override
    public void close() {
        try {
            supervisor.close();
        } finally {
            servers.close();
        }
    }
}
