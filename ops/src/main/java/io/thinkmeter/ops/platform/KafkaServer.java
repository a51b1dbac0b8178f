package io.thinkmeter.ops.platform;

import io.thinkmeter.contracts.Topics;
import io.thinkmeter.testkit.EmbeddedKafka;

import java.io.IOException;
import java.nio.file.Path;

/** The platform's Kafka broker under supervision: restarted on its directory, so on its port and log. */
final class KafkaServer implements KafkaBroker {

    private final Path dir;
    private volatile EmbeddedKafka kafka;

    KafkaServer(Path dir) {
        this.dir = dir;
    }

    @Override
    public String name() {
        return "kafka";
    }

    /** Starts the broker and creates the platform's topics that do not exist yet. */
    @Override
    public void start() throws IOException {
        EmbeddedKafka started = EmbeddedKafka.start(dir);
        started.createTopics(Topics.all(), PARTITIONS);
        kafka = started;
    }

    @Override
    public boolean isAlive() {
        EmbeddedKafka k = kafka;
        return k != null && k.isAlive();
    }

    @Override
    public long pid() {
        EmbeddedKafka k = kafka;
        return k != null && k.isAlive() ? k.pid() : -1;
    }

    @Override
    public String exit() {
        return isAlive() ? "running" : "the broker's process ended; see " + dir.resolve("kafka.log");
    }

    @Override
    public void stop() {
        EmbeddedKafka k = kafka;
        if (k != null) {
            k.close();
        }
    }

    @Override
    public void kill() {
        EmbeddedKafka k = kafka;
        if (k != null) {
            k.kill();
        }
    }

    /** Known once started; the broker keeps its ports in its directory, so a restart answers here too. */
    @Override
    public String bootstrapServers() {
        return kafka.bootstrapServers();
    }
}
