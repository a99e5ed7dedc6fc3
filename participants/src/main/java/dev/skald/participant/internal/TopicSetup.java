package dev.skald.participant.internal;

import dev.skald.schemas.TopicAdministration;
import dev.skald.participant.ParticipantConfig;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.config.TopicConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Makes sure a participant's topics exist before it starts: its command topic, the reply and dead-letter topics it
 * writes, and its reply log, compacted, with at least as many partitions as the command topic (a command's stored
 * reply lives in the partition of the same number).
 */
final class TopicSetup {
    private static final Logger LOG = LoggerFactory.getLogger(TopicSetup.class);

    private final TopicAdministration topics;
    private final ParticipantConfig config;

    TopicSetup(Admin admin, ParticipantConfig config) {
        this.topics = new TopicAdministration(admin, config.bootstrapServers());
        this.config = config;
    }

    /** Creates what is missing (if allowed) and returns the command topic's partition count. */
    int ensure(String participant) {
        String commands = config.topics().commands(participant);
        String log = config.topics().replyLog(participant);
        Set<String> existing = topics.existing();
        if (config.createTopics()) {
            created(topics.createMissing(List.of(commands, config.topics().replies(), config.topics().deadLetters())
                    .stream().map(name -> new NewTopic(name, config.partitions(), config.replication())).toList()));
        } else {
            List<String> missing = List.of(commands, config.topics().replies(), config.topics().deadLetters(), log)
                    .stream().filter(t -> !existing.contains(t)).toList();
            if (!missing.isEmpty()) {
                throw new IllegalStateException("topics " + missing + " do not exist on " + config.bootstrapServers()
                        + " and " + ParticipantConfig.TOPICS_CREATE + " is false; create them (the reply log "
                        + log + " compacted, with the command topic's partition count)");
            }
        }
        int partitions = partitions(commands);
        if (!existing.contains(log) && config.createTopics()) {
            created(topics.createMissing(List.of(new NewTopic(log, partitions, config.replication()).configs(Map.of(
                    TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT + ","
                            + TopicConfig.CLEANUP_POLICY_DELETE,
                    TopicConfig.RETENTION_MS_CONFIG, Long.toString(config.dedupeRetention().toMillis()))))));
        }
        int logPartitions = partitions(log);
        if (logPartitions < partitions) {
            if (!config.createTopics()) {
                throw new IllegalStateException("reply log " + log + " has " + logPartitions + " partitions but "
                        + commands + " has " + partitions + "; give it as many");
            }
            LOG.warn("reply log {} has {} partitions, command topic {} has {}: adding partitions to the log", log,
                    logPartitions, commands, partitions);
            topics.increasePartitions(log, partitions);
        }
        return partitions;
    }

    /** The partition count of a topic, once a topic created a moment ago has a leader everywhere. */
    private int partitions(String topic) {
        return topics.awaitLeaders(List.of(topic)).get(topic);
    }

    private static void created(List<NewTopic> created) {
        created.forEach(t -> LOG.info("created topic {} ({} partitions)", t.name(), t.numPartitions()));
    }
}
