package dev.skald.orchestrator.internal;

import dev.skald.orchestrator.OrchestratorConfig;
import dev.skald.schemas.TopicAdministration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.config.TopicConfig;

/**
 * Creates the topics Skald needs; topics that exist already are left as they are. Returns once every partition of
 * them has a leader: a topic the controller just created may not be in the brokers' metadata yet, and Kafka Streams
 * refuses to start a global store on a topic without partitions. The mechanics are schemas'
 * {@link TopicAdministration}, shared with the participants.
 */
public final class TopicAdmin implements AutoCloseable {
    private final Admin admin;
    private final TopicAdministration topics;
    private final OrchestratorConfig config;

    public TopicAdmin(OrchestratorConfig config) {
        this.config = config;
        this.admin = Admin.create(config.clientProperties());
        this.topics = new TopicAdministration(admin, config.bootstrapServers());
    }

    /** The fixed topics: inputs co-partitioned, definitions compacted on one partition. */
    public void ensureFixedTopics() {
        List<NewTopic> fixed = new ArrayList<>();
        for (String name : config.topics().all()) {
            boolean definitions = name.equals(config.topics().definitions());
            NewTopic topic = new NewTopic(name, definitions ? 1 : config.partitions(), config.replication());
            if (definitions) {
                topic.configs(Map.of(TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT));
            }
            fixed.add(topic);
        }
        create(fixed);
        requireCoPartitioned(topics.awaitLeaders(config.topics().inputs()));
    }

    /**
     * Refuses to run when the input topics have different partition counts: a saga's records would then land on
     * different tasks, and replies or timers would reach a task that does not hold the saga.
     */
    private void requireCoPartitioned(Map<String, Integer> counts) {
        if (counts.values().stream().distinct().count() > 1) {
            throw new IllegalStateException("Skald's input topics must all have the same number of partitions, "
                    + "so that every record of a saga reaches the task that holds it; they have " + counts
                    + " on " + config.bootstrapServers() + ". Recreate the odd ones out with " + config.partitions()
                    + " partitions (skald.partitions), or add partitions to match (docs/operations.md).");
        }
    }

    /** The command topics of these participants. */
    public void ensureCommandTopics(Collection<String> participants) {
        create(participants.stream()
                .map(p -> new NewTopic(config.topics().commands(p), config.partitions(), config.replication()))
                .toList());
    }

    /** The topics publish steps write to, created like command topics when missing; existing ones are left as they are. */
    public void ensurePublishTopics(Collection<String> names) {
        create(names.stream().map(name -> new NewTopic(name, config.partitions(), config.replication())).toList());
    }

    private void create(List<NewTopic> wanted) {
        if (wanted.isEmpty()) {
            return;
        }
        topics.createMissing(wanted);
        topics.awaitLeaders(wanted.stream().map(NewTopic::name).toList());
    }

    @Override
    public void close() {
        admin.close();
    }
}
