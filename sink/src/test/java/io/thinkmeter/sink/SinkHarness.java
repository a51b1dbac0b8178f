package io.thinkmeter.sink;

import io.thinkmeter.contracts.ConsumerGroups;
import io.thinkmeter.contracts.DeadLetter;
import io.thinkmeter.contracts.Json;
import io.thinkmeter.contracts.Topics;
import io.thinkmeter.testkit.EmbeddedKafka;
import io.thinkmeter.testkit.CredentialsFile;
import io.thinkmeter.storage.DatabaseLogin;
import io.thinkmeter.storage.DatabaseSetup;
import io.thinkmeter.testkit.EmbeddedPostgres;
import io.thinkmeter.sink.SinkSettings;
import io.thinkmeter.sink.StorageSink;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ListOffsetsOptions;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.IsolationLevel;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.GroupIdNotFoundException;
import org.apache.kafka.common.errors.GroupNotEmptyException;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

import javax.sql.DataSource;
import java.io.IOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertFalse;

/**
 * What the storage sink's tests run against: a real KRaft broker and a real, durable PostgreSQL set up
 * as in production (the sink logs in as the services' least-privileged login), each of which a test
 * can stop and start again where it was; sinks on threads; and the waits and counts tests assert on.
 */
final class SinkHarness implements AutoCloseable {

    static final List<String> SOURCES = RecordReader.TOPICS;
    static final int PARTITIONS = 3;
    private static final String DATABASE = "thinkmeter";

    /** A sink running on its own thread. */
    record Running(StorageSink sink, Thread thread) {

        void stop() throws InterruptedException {
            sink.stop();
            thread.join(TimeUnit.SECONDS.toMillis(60));
            assertFalse(thread.isAlive(), "the sink stops when asked");
        }
    }

    private final Path dir;
    private final CredentialsFile secrets;
    private final List<Running> sinks = new ArrayList<>();
    private EmbeddedKafka kafka;
    private EmbeddedPostgres postgres;
    private int postgresPort;

    private SinkHarness(Path dir, EmbeddedKafka kafka, EmbeddedPostgres postgres) {
        this.dir = dir;
        this.kafka = kafka;
        this.postgres = postgres;
        this.postgresPort = postgres.port();
        this.secrets = CredentialsFile.open(dir.resolve("test.credentials"));
    }

    static SinkHarness start(Path dir) throws IOException {
        EmbeddedKafka kafka = EmbeddedKafka.start(dir.resolve("kafka"));
        EmbeddedPostgres postgres = null;
        try {
            kafka.createTopics(Topics.all(), PARTITIONS);
            postgres = EmbeddedPostgres.startKeeping(dir.resolve("pg"), 0);
            SinkHarness harness = new SinkHarness(dir, kafka, postgres);
            DatabaseSetup.ensure(new DatabaseLogin(EmbeddedPostgres.SUPERUSER, postgres.superuserPassword()), postgres.jdbcUrl(DATABASE), harness.secrets.secret("owner"),
                    harness.secrets.secret("service"));
            return harness;
        } catch (RuntimeException e) {
            if (postgres != null) {
                postgres.close();
            }
            kafka.close();
            throw e;
        }
    }

    String bootstrapServers() {
        return kafka.bootstrapServers();
    }

    /** The platform database's JDBC URL, as the sink service is given it. */
    String jdbcUrlOfDatabase() {
        return jdbcUrl();
    }

    /** The services' login's password. */
    String servicePassword() {
        return secrets.secret("service");
    }

    /** The login the sink writes as: the services' role (no DELETE, the ledger INSERT-only). */
    DataSource serviceDatabase() {
        return new DatabaseLogin(DatabaseSetup.SERVICE_LOGIN, secrets.secret("service"))
                .dataSource(jdbcUrl());
    }

    private String jdbcUrl() {
        return "jdbc:postgresql://localhost:" + postgresPort + "/" + DATABASE;
    }

    Running startSink() {
        return startSink(SinkSettings.defaults());
    }

    Running startSink(SinkSettings settings) {
        StorageSink sink = new StorageSink(bootstrapServers(), serviceDatabase(), settings);
        Thread thread = new Thread(sink, "storage-sink-" + (sinks.size() + 1));
        thread.start();
        Running running = new Running(sink, thread);
        sinks.add(running);
        return running;
    }

    /** Sends each record and waits for the broker's acknowledgement. */
    void produce(List<ProducerRecord<String, String>> records) throws Exception {
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers(),
                ProducerConfig.ACKS_CONFIG, "all"),
                new StringSerializer(), new StringSerializer())) {
            for (ProducerRecord<String, String> record : records) {
                producer.send(record).get(30, TimeUnit.SECONDS);
            }
        }
    }

    /** A producer in a transaction of its own, as ingest and the scheduler write. */
    KafkaProducer<String, String> transactionalProducer(String transactionalId) {
        KafkaProducer<String, String> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers(),
                ProducerConfig.TRANSACTIONAL_ID_CONFIG, transactionalId),
                new StringSerializer(), new StringSerializer());
        producer.initTransactions();
        return producer;
    }

    /** What tests read with: the superuser, who sees every table and view. */
    private DataSource superuserDatabase() {
        return postgres.dataSource(DATABASE);
    }

    long count(String sql) throws SQLException {
        try (Connection c = superuserDatabase().getConnection(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    String text(String sql) throws SQLException {
        try (Connection c = superuserDatabase().getConnection(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery(sql)) {
            return rs.next() ? rs.getString(1) : null;
        }
    }

    /** Waits until the query counts {@code expected}; fails with what it counted last. */
    void awaitCount(String sql, long expected, Duration patience) throws Exception {
        long deadline = System.nanoTime() + patience.toNanos();
        long seen = -1;
        while (System.nanoTime() < deadline) {
            try {
                seen = count(sql);
                if (seen == expected) {
                    return;
                }
            } catch (SQLException e) {
                seen = -1; // PostgreSQL is being restarted by the test
            }
            Thread.sleep(200);
        }
        throw new AssertionError(sql + " counted " + seen + ", expected " + expected + " within " + patience);
    }

    /**
     * Waits until the sink's committed offsets reach the end of every source partition (past the
     * last transaction marker): since it commits only what is stored or dead-lettered, everything
     * produced so far is then in PostgreSQL or on the dead-letter topic, and nothing more will come.
     */
    void awaitCaughtUp(Duration patience) throws Exception {
        long deadline = System.nanoTime() + patience.toNanos();
        Map<TopicPartition, Long> behind = Map.of();
        try (Admin admin = kafka.admin()) {
            while (System.nanoTime() < deadline) {
                try {
                    behind = behind(admin);
                    if (behind.isEmpty()) {
                        return;
                    }
                } catch (ExecutionException e) {
                    behind = Map.of(new TopicPartition("(admin failed: " + e.getCause() + ")", 0), -1L);
                }
                Thread.sleep(250);
            }
        }
        throw new AssertionError("the sink's committed offsets stayed behind the end of " + behind);
    }

    private static Map<TopicPartition, Long> behind(Admin admin) throws Exception {
        Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(ConsumerGroups.SINK)
                .partitionsToOffsetAndMetadata().get(15, TimeUnit.SECONDS);
        Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
        for (String topic : SOURCES) {
            for (int p = 0; p < PARTITIONS; p++) {
                latest.put(new TopicPartition(topic, p), OffsetSpec.latest());
            }
        }
        Map<TopicPartition, Long> behind = new HashMap<>();
        admin.listOffsets(latest, new ListOffsetsOptions(IsolationLevel.READ_COMMITTED)).all()
                .get(15, TimeUnit.SECONDS).forEach((p, end) -> {
                    OffsetAndMetadata at = committed.get(p);
                    long lag = end.offset() - (at == null ? 0 : at.offset());
                    if (lag > 0) {
                        behind.put(p, lag);
                    }
                });
        return behind;
    }

    /** Every dead letter on the topic, read from its first offset to its end. */
    List<DeadLetter> deadLetters() throws Exception {
        List<DeadLetter> letters = new ArrayList<>();
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers(),
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed"),
                new StringDeserializer(), new StringDeserializer())) {
            List<TopicPartition> partitions = new ArrayList<>();
            for (int p = 0; p < PARTITIONS; p++) {
                partitions.add(new TopicPartition(Topics.DEAD_LETTERS, p));
            }
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions, Duration.ofSeconds(30));
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (partitions.stream().anyMatch(p -> consumer.position(p) < end.get(p))) {
                if (System.nanoTime() > deadline) {
                    throw new AssertionError("could not read the dead-letter topic to its end " + end);
                }
                for (ConsumerRecord<String, String> r : consumer.poll(Duration.ofMillis(200))) {
                    letters.add(Json.forServices().readValue(r.value(), DeadLetter.class));
                }
            }
        }
        return letters;
    }

    /** So the next sink reads every record again from the first offset: a full redelivery. */
    void forgetSinkOffsets() throws Exception {
        kafka.deleteGroup(ConsumerGroups.SINK);
    }

    /** A clean stop of PostgreSQL, as an operator's restart or a failover would do. */
    void stopPostgres() {
        postgres.close();
    }

    /** PostgreSQL again, on the same data directory and port. */
    void startPostgresAgain() {
        postgres = EmbeddedPostgres.startKeeping(dir.resolve("pg"), postgresPort);
    }

    /** SIGKILL of the broker, as a crash would. */
    void killKafka() {
        kafka.kill();
    }

    /** The broker again, on the same log directory and port. */
    void startKafkaAgain() throws IOException {
        kafka = EmbeddedKafka.start(dir.resolve("kafka"));
    }

    @Override
    public void close() throws Exception {
        for (Running running : sinks) {
            running.sink().stop();
        }
        for (Running running : sinks) {
            running.thread().join(TimeUnit.SECONDS.toMillis(60));
        }
        try {
            postgres.close();
        } finally {
            kafka.close();
        }
    }
}
