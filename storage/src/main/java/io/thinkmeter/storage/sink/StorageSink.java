package io.thinkmeter.storage.sink;

import io.thinkmeter.contracts.ConsumerGroups;
import io.thinkmeter.contracts.DeadLetter;
import io.thinkmeter.contracts.Json;
import io.thinkmeter.contracts.ProblemRequest;
import io.thinkmeter.contracts.ProblemResult;
import io.thinkmeter.contracts.RejectedRequest;
import io.thinkmeter.contracts.RequestValidator;
import io.thinkmeter.contracts.Topics;
import io.thinkmeter.storage.RequestStore;
import io.thinkmeter.storage.ResultSink;
import io.thinkmeter.storage.StorageException;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import javax.sql.DataSource;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;

/**
 * Writes what flows through Kafka into PostgreSQL: submitted requests, rejections and results.
 * Offsets are committed only after the database transaction that stored a poll's records; if the
 * database fails, the consumer is rewound to the poll's first records and tries again after a
 * pause, so nothing is skipped. Redelivered records are harmless: every write is idempotent.
 * A record storage cannot accept by its content goes to the dead-letter topic with the reason.
 */
public final class StorageSink implements Runnable {

    private static final Logger LOG = LoggerFactory.getLogger(StorageSink.class);
    private static final List<String> TOPICS = List.of(Topics.SUBMITTED, Topics.REJECTED, Topics.RESULTS);

    private final RequestStore requests;
    private final ResultSink results;
    private final KafkaConsumer<String, String> consumer;
    private final KafkaProducer<String, String> deadLetters;
    private volatile boolean stopping;
    private volatile long storedResults;

    public StorageSink(String bootstrapServers, DataSource dataSource) {
        this.requests = new RequestStore(dataSource);
        this.results = new ResultSink(dataSource);
        this.consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ConsumerConfig.GROUP_ID_CONFIG, ConsumerGroups.SINK,
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false,
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 500),
                new StringDeserializer(), new StringDeserializer());
        this.deadLetters = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true),
                new StringSerializer(), new StringSerializer());
    }

    public void stop() {
        stopping = true;
    }

    /** Results newly stored since start (redeliveries not counted). */
    public long storedResults() {
        return storedResults;
    }

    @Override
    public void run() {
        consumer.subscribe(TOPICS);
        try {
            Duration backoff = Duration.ofMillis(200);
            while (!stopping) {
                ConsumerRecords<String, String> records = consumer.poll(Duration.ofMillis(200));
                if (records.isEmpty()) {
                    continue;
                }
                try {
                    store(records);
                    consumer.commitSync(nextOffsets(records));
                    backoff = Duration.ofMillis(200);
                } catch (StorageException e) {
                    LOG.warn("database write failed, retrying in {} ms: {}", backoff.toMillis(), e.getMessage());
                    rewind(records);
                    sleep(backoff);
                    backoff = backoff.multipliedBy(2).compareTo(Duration.ofSeconds(10)) > 0
                            ? Duration.ofSeconds(10) : backoff.multipliedBy(2);
                }
            }
        } finally {
            consumer.close();
            deadLetters.close();
        }
    }

    private void store(ConsumerRecords<String, String> records) {
        List<ProblemResult> batch = new ArrayList<>();
        for (ConsumerRecord<String, String> record : records) {
            try {
                switch (record.topic()) {
                    case Topics.SUBMITTED -> storeSubmitted(read(record, ProblemRequest.class));
                    case Topics.REJECTED -> requests.reject(read(record, RejectedRequest.class));
                    default -> batch.add(read(record, ProblemResult.class));
                }
            } catch (IllegalArgumentException e) {
                deadLetter(record, e.getMessage());
            }
        }
        // Results are checked one by one first, so one bad result cannot block the others' transaction.
        List<ProblemResult> storable = new ArrayList<>();
        for (ProblemResult r : batch) {
            if (r.requestId() == null || r.tenant() == null || r.stopReason() == null) {
                deadLetter(r, "a result needs request_id, tenant and stop_reason");
            } else {
                storable.add(r);
            }
        }
        if (!storable.isEmpty()) {
            storedResults += results.storeAll(storable);
        }
    }

    /**
     * A request that breaks the contract is stored when the scheduler's rejection of it arrives (in
     * rejections, with the reason), not here, where the requests table's constraints would refuse it.
     */
    private void storeSubmitted(ProblemRequest request) {
        if (RequestValidator.problems(request).isEmpty()) {
            requests.insert(request);
        }
    }

    private static <T> T read(ConsumerRecord<String, String> record, Class<T> type) {
        try {
            return Json.forServices().readValue(record.value(), type);
        } catch (Exception e) {
            throw new IllegalArgumentException("not a readable " + type.getSimpleName() + ": " + e.getMessage(), e);
        }
    }

    private void deadLetter(ConsumerRecord<String, String> record, String reason) {
        send(new DeadLetter(1, record.topic(), record.key(), record.value(), "storage: " + reason), record.key());
    }

    private void deadLetter(ProblemResult r, String reason) {
        try {
            send(new DeadLetter(1, Topics.RESULTS, r.requestId(), Json.forServices().writeValueAsString(r),
                    "storage: " + reason), r.requestId());
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("cannot write a result back as JSON", e);
        }
    }

    private void send(DeadLetter letter, String key) {
        try {
            deadLetters.send(new ProducerRecord<>(Topics.DEAD_LETTERS, key,
                    Json.forServices().writeValueAsString(letter))).get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while writing a dead letter", e);
        } catch (ExecutionException | com.fasterxml.jackson.core.JsonProcessingException e) {
            // Failing here leaves the offset uncommitted, so the record is read again, not lost.
            throw new StorageException("cannot write a dead letter for " + key, e);
        }
    }

    private static Map<TopicPartition, OffsetAndMetadata> nextOffsets(ConsumerRecords<String, String> records) {
        Map<TopicPartition, OffsetAndMetadata> out = new HashMap<>();
        for (TopicPartition p : records.partitions()) {
            List<ConsumerRecord<String, String>> list = records.records(p);
            out.put(p, new OffsetAndMetadata(list.get(list.size() - 1).offset() + 1));
        }
        return out;
    }

    private void rewind(ConsumerRecords<String, String> records) {
        for (TopicPartition p : records.partitions()) {
            consumer.seek(p, records.records(p).get(0).offset());
        }
    }

    private static void sleep(Duration d) {
        try {
            Thread.sleep(d.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
