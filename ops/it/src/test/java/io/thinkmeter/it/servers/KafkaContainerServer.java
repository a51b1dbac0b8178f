package io.thinkmeter.it.servers;

import io.thinkmeter.contracts.Topics;
import io.thinkmeter.ops.platform.KafkaBroker;
import io.thinkmeter.testkit.BrokerAdmin;
import org.testcontainers.containers.Network;
import org.testcontainers.kafka.KafkaContainer;

import java.util.Locale;

/**
 * The platform's broker in {@code apache/kafka} (single node, KRaft), with the embedded broker's settings
 * and the platform's topics, created by the same code ({@link BrokerAdmin}).
 */
final class KafkaContainerServer extends SupervisedContainer<KafkaContainer> implements KafkaBroker {

    static final String IMAGE = "apache/kafka:4.1.1";
    /** Where KafkaContainer's PLAINTEXT listener (advertised to clients on the host) listens in the container. */
    private static final int CLIENT_PORT = 9092;

    KafkaContainerServer(Network network, int hostPort) {
        super("kafka", kafka(network), hostPort, CLIENT_PORT);
    }

    private static KafkaContainer kafka(Network network) {
        KafkaContainer kafka = new KafkaContainer(IMAGE).withNetwork(network);
        // the official image turns KAFKA_SOME_SETTING into some.setting
        BrokerAdmin.SINGLE_NODE_SETTINGS.forEach((key, value) ->
                kafka.withEnv("KAFKA_" + key.toUpperCase(Locale.ROOT).replace('.', '_'), value));
        return kafka;
    }

    /**
     * KafkaContainer advertises {@code localhost:<mapped port>} and writes that into the start script it
     * leaves in the container: with the port fixed, a restarted broker advertises the same address.
     */
    @Override
    public String bootstrapServers() {
        return "localhost:" + hostPort;
    }

    @Override
    boolean answers() {
        return BrokerAdmin.answers(bootstrapServers());
    }

    @Override
    void prepare() {
        BrokerAdmin.createTopics(bootstrapServers(), Topics.all(), PARTITIONS);
    }
}
