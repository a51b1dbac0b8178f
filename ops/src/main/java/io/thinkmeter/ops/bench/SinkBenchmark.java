package io.thinkmeter.ops.bench;

import io.thinkmeter.contracts.ConsumerGroups;
import io.thinkmeter.contracts.Json;
import io.thinkmeter.contracts.Method;
import io.thinkmeter.contracts.Pool;
import io.thinkmeter.contracts.ProblemRequest;
import io.thinkmeter.contracts.ProblemResult;
import io.thinkmeter.contracts.SamplingOptions;
import io.thinkmeter.contracts.StopReason;
import io.thinkmeter.contracts.Timings;
import io.thinkmeter.contracts.Topics;
import io.thinkmeter.testkit.EmbeddedKafka;
import io.thinkmeter.testkit.CredentialsFile;
import io.thinkmeter.storage.DatabaseLogin;
import io.thinkmeter.storage.DatabaseSetup;
import io.thinkmeter.testkit.EmbeddedPostgres;
import io.thinkmeter.sink.SinkSettings;
import io.thinkmeter.sink.StorageSink;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.GroupIdNotFoundException;
import org.apache.kafka.common.errors.GroupNotEmptyException;
import org.apache.kafka.common.serialization.StringSerializer;

import javax.sql.DataSource;
import java.io.IOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

/**
 * How fast the storage sink writes into PostgreSQL. N submitted requests and N results (a problem of
 * about 300 characters, thinking of about 400) are produced to a real broker before the sink starts;
 * each run starts the sink on an empty database (set up with {@link DatabaseSetup}: the sink logs in as
 * the services' least-privileged login, as in production) and times it until every row is there. Two
 * real PostgreSQL servers take part: the throwaway one of tests (fsync and synchronous commit off) and
 * the durable one that {@code thinkmeter up} keeps (fsync, synchronous commit and full-page writes on).
 * Runs read the same records: the sink's consumer group is deleted between runs, so each starts from
 * the first offset.
 *
 * <p>What is counted: a record is a request (one {@code requests} row) or a result (one
 * {@code results} row, its {@code token_ledger} row and its request's state change, in one
 * transaction), so records per second is the rate of Kafka records stored; table rows per second
 * counts the ledger rows too.
 */
public final class SinkBenchmark implements AutoCloseable {

    /** Which PostgreSQL a run writes to. */
    public enum Server { THROWAWAY, DURABLE }

    /**
     * One run's figures.
     *
     * @param fsync and {@code synchronousCommit}: the server's settings as the sink's sessions see them
     * @param seconds from the sink's start (its consumer still has to join the group) to the last row
     * @param firstRowSeconds from the sink's start to its first database commit
     */
    public record Run(Server server, String fsync, String synchronousCommit, int maxPollRecords, int requests,
                      int results, double seconds, double firstRowSeconds) {

        public int records() {
            return requests + results;
        }

        public int tableRows() {
            return requests + 2 * results;
        }

        public double recordsPerSecond() {
            return records() / seconds;
        }

        /** After the first row: the steady rate, without the consumer's group join. */
        public double recordsPerSecondAfterFirstRow() {
            return records() / (seconds - firstRowSeconds);
        }

        public double tableRowsPerSecond() {
            return tableRows() / seconds;
        }
    }

    private static final Duration RUN_LIMIT = Duration.ofMinutes(15);

    private final EmbeddedKafka kafka;
    private final Map<Server, EmbeddedPostgres> servers;
    private final int rows;
    private final String ownerPassword;
    private final String servicePassword;
    private int runs;

    private SinkBenchmark(EmbeddedKafka kafka, Map<Server, EmbeddedPostgres> servers, int rows, CredentialsFile secrets) {
        this.kafka = kafka;
        this.servers = servers;
        this.rows = rows;
        this.ownerPassword = secrets.secret("owner");
        this.servicePassword = secrets.secret("service");
    }

    /**
     * Starts a broker and a durable PostgreSQL under {@code dir} and a throwaway PostgreSQL, and produces
     * {@code rows} requests and results.
     */
    public static SinkBenchmark start(Path dir, int rows) throws IOException {
        EmbeddedKafka kafka = EmbeddedKafka.start(dir.resolve("kafka"));
        Map<Server, EmbeddedPostgres> servers = new EnumMap<>(Server.class);
        try {
            kafka.createTopics(Topics.all(), 3);
            servers.put(Server.THROWAWAY, EmbeddedPostgres.start());
            servers.put(Server.DURABLE, EmbeddedPostgres.startKeeping(dir.resolve("pg"), 0));
            SinkBenchmark bench = new SinkBenchmark(kafka, servers, rows,
                    CredentialsFile.open(dir.resolve("bench.credentials")));
            bench.produce();
            return bench;
        } catch (RuntimeException e) {
            servers.values().forEach(EmbeddedPostgres::close);
            kafka.close();
            throw e;
        }
    }

    private void produce() {
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers(),
                ProducerConfig.LINGER_MS_CONFIG, 20,
                ProducerConfig.BATCH_SIZE_CONFIG, 256 * 1024),
                new StringSerializer(), new StringSerializer())) {
            Random random = new Random(7);
            for (int i = 0; i < rows; i++) {
                ProblemRequest request = request(i, random);
                producer.send(new ProducerRecord<>(Topics.SUBMITTED, request.id(), Json.forServices().writeValueAsString(request)));
                ProblemResult result = result(request, random);
                producer.send(new ProducerRecord<>(Topics.RESULTS, result.requestId(), Json.forServices().writeValueAsString(result)));
            }
            producer.flush();
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("cannot write a benchmark record as JSON", e);
        }
    }

    /** Times one sink on a fresh database of {@code server} until all rows are stored. */
    public Run run(Server server, int maxPollRecords) throws Exception {
        EmbeddedPostgres pg = servers.get(server);
        String name = "sink_bench_" + (++runs);
        DatabaseSetup.ensure(new DatabaseLogin(EmbeddedPostgres.SUPERUSER, pg.superuserPassword()), pg.jdbcUrl(name), ownerPassword, servicePassword);
        DataSource db = new DatabaseLogin(DatabaseSetup.SERVICE_LOGIN, servicePassword).dataSource(pg.jdbcUrl(name));
        String fsync = setting(db, "fsync");
        String synchronousCommit = setting(db, "synchronous_commit");
        kafka.deleteGroup(ConsumerGroups.SINK); // the next sink reads every record again
        StorageSink sink = new StorageSink(kafka.bootstrapServers(), db, new SinkSettings(maxPollRecords));
        Thread thread = new Thread(sink, "storage-sink-bench");
        long start = System.nanoTime();
        thread.start();
        long firstRow = -1;
        try (Connection c = db.getConnection(); Statement s = c.createStatement()) {
            // counting rows is a scan that competes with the sink: the sink's own count of new results
            // (read after each database commit) says when to start counting
            while (true) {
                long now = System.nanoTime();
                long results = sink.storedResults();
                if (firstRow < 0 && results > 0) {
                    firstRow = now;
                }
                if (results == rows && count(s, "requests") == rows) {
                    double seconds = (System.nanoTime() - start) / 1e9;
                    if (count(s, "results") != rows || count(s, "token_ledger") != rows) {
                        throw new IllegalStateException("the sink reported every result stored, but the tables disagree");
                    }
                    return new Run(server, fsync, synchronousCommit, maxPollRecords, rows, rows, seconds,
                            (firstRow - start) / 1e9);
                }
                if (now - start > RUN_LIMIT.toNanos()) {
                    throw new IllegalStateException("the sink stored " + results + " results of " + rows + " in "
                            + RUN_LIMIT.toMinutes() + " minutes");
                }
                Thread.sleep(10);
            }
        } finally {
            sink.stop();
            thread.join(TimeUnit.SECONDS.toMillis(60));
        }
    }

    private static long count(Statement s, String table) throws SQLException {
        try (ResultSet rs = s.executeQuery("SELECT count(*) FROM " + table)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private static String setting(DataSource db, String name) throws SQLException {
        try (Connection c = db.getConnection(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT current_setting('" + name + "')")) {
            rs.next();
            return rs.getString(1);
        }
    }

    static ProblemRequest request(int i, Random random) {
        String problem = "Problem " + i + ": a train leaves at " + (random.nextInt(12) + 1) + " o'clock travelling at "
                + (40 + random.nextInt(80)) + " km/h; a second train leaves the same station " + (1 + random.nextInt(5))
                + " hours later at " + (60 + random.nextInt(90)) + " km/h on a parallel track. "
                + words(random, 28) + " How many kilometres from the station does the second train catch up?";
        return new ProblemRequest(ProblemRequest.SCHEMA_VERSION, String.format("bench-%07d", i), "line-" + i,
                "tenant-" + (i % 3), "bench-batch-" + (i / 1000), i % 1000, problem, 256, Method.TS, null, 2.0, 16,
                new SamplingOptions(0.7, 20, 0.9, (long) i), 0, Pool.MEDIUM, Instant.now());
    }

    static ProblemResult result(ProblemRequest r, Random random) {
        String thinking = "Let the first train's head start be d = v1 * h. The gap closes at v2 - v1. "
                + words(random, 55) + " So t = d / (v2 - v1) and the distance is v2 * t. Check: both distances agree.";
        int thinkingTokens = 90 + random.nextInt(100);
        int answerTokens = 8 + random.nextInt(8);
        Instant finished = Instant.now();
        return new ProblemResult(ProblemResult.SCHEMA_VERSION, r.id(), r.clientId(), r.tenant(), r.batch(), r.sequence(),
                String.valueOf(random.nextInt(900) + 100), thinking, "The second train catches up after the computed distance.",
                60 + random.nextInt(40), thinkingTokens, answerTokens, 5, thinkingTokens + answerTokens, r.budget(),
                StopReason.NATURAL, "tiny-reasoner", r.method(), null, r.stopTemperature(), Pool.MEDIUM, "worker-medium-1",
                new Timings(r.submittedAt(), finished.minusMillis(800), finished, 1200L, 800L), null);
    }

    private static final String[] VOCABULARY = {"speed", "distance", "hours", "minutes", "the", "gap", "closes",
            "second", "first", "train", "each", "hour", "so", "after", "we", "have", "relative", "equals", "check",
            "units", "kilometres", "then", "multiply", "divide", "difference"};

    private static String words(Random random, int n) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < n; i++) {
            out.append(i == 0 ? "" : " ").append(VOCABULARY[random.nextInt(VOCABULARY.length)]);
        }
        return out.append('.').toString();
    }

    @Override
    public void close() {
        servers.values().forEach(EmbeddedPostgres::close);
        kafka.close();
    }
}
