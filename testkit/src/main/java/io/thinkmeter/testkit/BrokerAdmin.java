package io.thinkmeter.testkit;

import io.thinkmeter.contracts.Topics;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.TopicExistsException;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

/**
 * What the platform and its tests ask of a broker they did not necessarily start, given only its address:
 * the embedded broker and a broker in a container are set up and watched by the same code.
 */
public final class BrokerAdmin {

    /**
     * Broker settings of a single-node test or demo platform, besides its listeners and roles: replication
     * factors of one, few internal partitions (fast start on two cores), no automatic topics (every topic is
     * made by {@link #createTopics} with its settings), no wait before a group's first rebalance.
     */
    public static final Map<String, String> SINGLE_NODE_SETTINGS = singleNodeSettings();

    private BrokerAdmin() {}

    private static Map<String, String> singleNodeSettings() {
        Map<String, String> s = new LinkedHashMap<>();
        s.put("num.partitions", "3");
        s.put("auto.create.topics.enable", "false");
        s.put("offsets.topic.replication.factor", "1");
        s.put("offsets.topic.num.partitions", "3");
        s.put("transaction.state.log.replication.factor", "1");
        s.put("transaction.state.log.min.isr", "1");
        // made at the first transactional producer's start (ingest's, the scheduler's): 50 partitions by default,
        // which on two loaded cores outlasts ingest's 5 s wait for its producer
        s.put("transaction.state.log.num.partitions", "3");
        s.put("share.coordinator.state.topic.replication.factor", "1");
        s.put("share.coordinator.state.topic.min.isr", "1");
        s.put("group.initial.rebalance.delay.ms", "0");
        s.put("log.flush.interval.messages", "1000000");
        return java.util.Collections.unmodifiableMap(s);
    }

    public static Admin admin(String bootstrapServers) {
        return Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 10_000,
                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 15_000));
    }

    /** Whether the broker answers a metadata request with at least one node, within about five seconds. */
    public static boolean answers(String bootstrapServers) {
        try (Admin admin = admin(bootstrapServers)) {
            return !admin.describeCluster().nodes().get(5, TimeUnit.SECONDS).isEmpty();
        } catch (Exception e) {
            return false;
        }
    }

    /** Creates topics that do not exist yet, with their {@link Topics#configOf settings} (compaction, broker timestamps). */
    public static void createTopics(String bootstrapServers, Collection<String> names, int partitions) {
        try (Admin admin = admin(bootstrapServers)) {
            List<NewTopic> topics = new ArrayList<>();
            for (String name : names) {
                NewTopic topic = new NewTopic(name, partitions, (short) 1);
                topic.configs(Topics.configOf(name));
                topics.add(topic);
            }
            admin.createTopics(topics).values().forEach((name, future) -> {
                try {
                    future.get(30, TimeUnit.SECONDS);
                } catch (ExecutionException e) {
                    if (!(e.getCause() instanceof TopicExistsException)) {
                        throw new IllegalStateException("cannot create topic " + name + ": " + e.getCause(), e);
                    }
                } catch (Exception e) {
                    throw new IllegalStateException("cannot create topic " + name + ": " + e, e);
                }
            });
        }
    }

    /** How many records of {@code topic} the group has not committed yet, summed over all partitions. */
    public static long lag(String bootstrapServers, String group, String topic)
            throws InterruptedException, ExecutionException {
        try (Admin admin = admin(bootstrapServers)) {
            Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(group)
                    .partitionsToOffsetAndMetadata().get();
            Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
            admin.describeTopics(List.of(topic)).allTopicNames().get().get(topic).partitions()
                    .forEach(p -> latest.put(new TopicPartition(topic, p.partition()), OffsetSpec.latest()));
            long lag = 0;
            for (var end : admin.listOffsets(latest).all().get().entrySet()) {
                OffsetAndMetadata c = committed.get(end.getKey());
                lag += end.getValue().offset() - (c == null ? 0 : c.offset());
            }
            return lag;
        }
    }
}
