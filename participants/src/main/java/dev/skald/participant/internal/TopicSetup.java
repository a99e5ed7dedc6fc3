package dev.skald.participant.internal;

import dev.skald.participant.ParticipantConfig;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewPartitions;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Makes sure a participant's topics exist before it starts: its command topic, the reply and dead-letter topics it
 * writes, and its reply log, compacted, with at least as many partitions as the command topic (a command's stored
 * reply lives in the partition of the same number).
 */
final class TopicSetup {
    private static final Logger LOG = LoggerFactory.getLogger(TopicSetup.class);
    private static final long TIMEOUT_SECONDS = 30;

    private final Admin admin;
    private final ParticipantConfig config;

    TopicSetup(Admin admin, ParticipantConfig config) {
        this.admin = admin;
        this.config = config;
    }

    /** Creates what is missing (if allowed) and returns the command topic's partition count. */
    int ensure(String participant) {
        String commands = config.topics().commands(participant);
        String log = config.topics().replyLog(participant);
        Set<String> existing = call("list topics", admin.listTopics().names());
        if (config.createTopics()) {
            for (String name : List.of(commands, config.topics().replies(), config.topics().deadLetters())) {
                if (!existing.contains(name)) {
                    create(new NewTopic(name, config.partitions(), config.replication()));
                }
            }
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
            create(new NewTopic(log, partitions, config.replication()).configs(Map.of(
                    TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT + ","
                            + TopicConfig.CLEANUP_POLICY_DELETE,
                    TopicConfig.RETENTION_MS_CONFIG, Long.toString(config.dedupeRetention().toMillis()))));
        }
        int logPartitions = partitions(log);
        if (logPartitions < partitions) {
            if (!config.createTopics()) {
                throw new IllegalStateException("reply log " + log + " has " + logPartitions + " partitions but "
                        + commands + " has " + partitions + "; give it as many");
            }
            LOG.warn("reply log {} has {} partitions, command topic {} has {}: adding partitions to the log", log,
                    logPartitions, commands, partitions);
            call("add partitions to " + log, admin.createPartitions(Map.of(log, NewPartitions.increaseTo(partitions)))
                    .all());
        }
        return partitions;
    }

    /** The partition count of a topic, waiting for a topic created a moment ago to have a leader everywhere. */
    private int partitions(String topic) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(TIMEOUT_SECONDS);
        while (true) {
            try {
                TopicDescription described = admin.describeTopics(List.of(topic)).allTopicNames()
                        .get(TIMEOUT_SECONDS, TimeUnit.SECONDS).get(topic);
                if (described.partitions().stream().allMatch(p -> p.leader() != null)) {
                    return described.partitions().size();
                }
            } catch (ExecutionException e) {
                if (!(e.getCause() instanceof UnknownTopicOrPartitionException)) {
                    throw new IllegalStateException("cannot describe " + topic + " on " + config.bootstrapServers()
                            + ": " + e.getCause().getMessage(), e.getCause());
                }
            } catch (TimeoutException e) {
                throw new IllegalStateException("cannot describe " + topic + " on " + config.bootstrapServers()
                        + " within " + TIMEOUT_SECONDS + " s: is the cluster reachable?", e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted describing " + topic, e);
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("topic " + topic + " has no leader for every partition after "
                        + TIMEOUT_SECONDS + " s");
            }
            pause();
        }
    }

    private static void pause() {
        try {
            TimeUnit.MILLISECONDS.sleep(50);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for topic metadata", e);
        }
    }

    private void create(NewTopic topic) {
        try {
            admin.createTopics(List.of(topic)).all().get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
            LOG.info("created topic {} ({} partitions)", topic.name(), topic.numPartitions());
        } catch (ExecutionException e) {
            if (!(e.getCause() instanceof TopicExistsException)) {
                throw new IllegalStateException("cannot create topic " + topic.name() + " on "
                        + config.bootstrapServers() + ": " + e.getCause().getMessage(), e.getCause());
            }
        } catch (TimeoutException e) {
            throw new IllegalStateException("timed out creating topic " + topic.name() + " on "
                    + config.bootstrapServers(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted creating topic " + topic.name(), e);
        }
    }

    private <T> T call(String what, org.apache.kafka.common.KafkaFuture<T> future) {
        try {
            return future.get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            throw new IllegalStateException("cannot " + what + " on " + config.bootstrapServers() + ": "
                    + e.getCause().getMessage(), e.getCause());
        } catch (TimeoutException e) {
            throw new IllegalStateException("cannot " + what + " on " + config.bootstrapServers() + " within "
                    + TIMEOUT_SECONDS + " s: is the cluster reachable?", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted: " + what, e);
        }
    }
}
