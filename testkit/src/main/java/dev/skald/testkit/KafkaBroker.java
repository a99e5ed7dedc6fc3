package dev.skald.testkit;

import dev.skald.testkit.internal.CommittedRecords;
import dev.skald.testkit.internal.Topics;

import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerRecord;

import java.time.Duration;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * A running Kafka cluster: a single node, {@link EmbeddedKafka} in this JVM or {@link KafkaProcess} in a child JVM,
 * or several nodes, {@link KafkaCluster}. Code that only needs an address and topics takes a {@code KafkaBroker}, and
 * runs on any.
 */
public interface KafkaBroker extends AutoCloseable {

    /** The {@code bootstrap.servers} value of clients, such as {@code localhost:40123}. */
    String bootstrapServers();

    /** A new, mutable client configuration holding {@code bootstrap.servers}; add the rest. */
    default Map<String, Object> clientConfig() {
        Map<String, Object> config = new HashMap<>();
        config.put(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers());
        return config;
    }

    /** The replication factor of the topics {@link #createTopics} and {@link #createTopic} create: 1 on a single node. */
    default short replication() {
        return 1;
    }

    /** A new admin client of this broker; the caller closes it. */
    default Admin newAdmin() {
        return Admin.create(clientConfig());
    }

    /**
     * Creates topics with {@code partitions} partitions each, {@link #replication()} replicas and the broker's default
     * configuration, and returns once every partition has a leader. A topic that already exists is left as it is.
     */
    default void createTopics(int partitions, String... names) {
        Objects.requireNonNull(names, "names can't be null");
        List<NewTopic> topics = Arrays.stream(names)
                .map(name -> new NewTopic(name, partitions, replication()))
                .collect(Collectors.toList());
        try (Admin admin = newAdmin()) {
            Topics.create(admin, topics);
        }
    }

    /**
     * Creates a topic with {@code partitions} partitions, {@link #replication()} replicas and the given topic
     * configuration (such as {@code cleanup.policy=compact}), and returns once every partition has a leader. A topic
     * that already exists is left as it is.
     */
    default void createTopic(String name, int partitions, Map<String, String> config) {
        Objects.requireNonNull(name, "name can't be null");
        Objects.requireNonNull(config, "config can't be null");
        try (Admin admin = newAdmin()) {
            Topics.create(admin, List.of(new NewTopic(name, partitions, replication()).configs(config)));
        }
    }

    /**
     * The committed records of a topic, from its beginning, with keys and values read as UTF-8 text: reads until at
     * least {@code atLeast} arrived, then half a second more, so that a duplicate written in the same transactions
     * shows up too.
     *
     * @throws IllegalStateException when fewer than {@code atLeast} arrive within {@code within}
     */
    default List<ConsumerRecord<String, String>> committedRecords(String topic, int atLeast, Duration within) {
        Objects.requireNonNull(topic, "topic can't be null");
        return CommittedRecords.read(clientConfig(), topic, atLeast, within);
    }

    /**
     * Every committed record of a topic ({@code read_committed}), from its beginning to its end offsets as they are
     * when the call starts, with keys as UTF-8 text and values as bytes: a check for duplicates that reads this sees
     * every record, however late in the topic.
     *
     * @throws IllegalStateException when the end is not reached within {@code within}
     */
    default List<ConsumerRecord<String, byte[]>> committedRecordsToEnd(String topic, Duration within) {
        Objects.requireNonNull(topic, "topic can't be null");
        return CommittedRecords.readToEnd(clientConfig(), topic, within);
    }

    /** Stops the broker and deletes its data. Idempotent. */
    @Override
    void close();
}
