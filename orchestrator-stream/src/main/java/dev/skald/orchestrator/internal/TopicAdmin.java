package dev.skald.orchestrator.internal;

import dev.skald.orchestrator.OrchestratorConfig;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;

/**
 * Creates the topics Skald needs; topics that exist already are left as they are. Returns once every partition of
 * them has a leader: a topic the controller just created may not be in the brokers' metadata yet, and Kafka Streams
 * refuses to start a global store on a topic without partitions.
 */
public final class TopicAdmin implements AutoCloseable {
    private static final Duration READY = Duration.ofSeconds(30);

    private final Admin admin;
    private final OrchestratorConfig config;

    public TopicAdmin(OrchestratorConfig config) {
        this.config = config;
        this.admin = Admin.create(config.clientProperties());
    }

    /** The fixed topics: inputs co-partitioned, definitions compacted on one partition. */
    public void ensureFixedTopics() {
        List<NewTopic> topics = new ArrayList<>();
        for (String name : config.topics().all()) {
            boolean definitions = name.equals(config.topics().definitions());
            NewTopic topic = new NewTopic(name, definitions ? 1 : config.partitions(), config.replication());
            if (definitions) {
                topic.configs(Map.of(TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT));
            }
            topics.add(topic);
        }
        create(topics);
        requireCoPartitioned(config.topics().inputs());
    }

    /**
     * Refuses to run when the input topics have different partition counts: a saga's records would then land on
     * different tasks, and replies or timers would reach a task that does not hold the saga.
     */
    void requireCoPartitioned(List<String> inputs) {
        Map<String, Integer> counts = new java.util.TreeMap<>();
        describe(inputs).forEach((name, d) -> counts.put(name, d.partitions().size()));
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

    private void create(List<NewTopic> topics) {
        if (topics.isEmpty()) {
            return;
        }
        createMissing(topics);
        awaitLeaders(topics.stream().map(NewTopic::name).toList());
    }

    private void createMissing(List<NewTopic> topics) {
        Set<String> existing = existing();
        List<NewTopic> missing = topics.stream().filter(t -> !existing.contains(t.name())).toList();
        missing.forEach(t -> {
            try {
                admin.createTopics(List.of(t)).all().get(30, TimeUnit.SECONDS);
            } catch (ExecutionException e) {
                if (!(e.getCause() instanceof TopicExistsException)) {
                    throw new IllegalStateException("cannot create topic " + t.name() + ": " + e.getCause().getMessage(),
                            e.getCause());
                }
            } catch (TimeoutException e) {
                throw new IllegalStateException("timed out creating topic " + t.name() + " on "
                        + config.bootstrapServers(), e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted creating topic " + t.name(), e);
            }
        });
    }

    private void awaitLeaders(List<String> names) {
        long deadline = System.nanoTime() + READY.toNanos();
        while (!allPartitionsLed(names)) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("topics " + names + " still have partitions without a leader on "
                        + config.bootstrapServers() + " after " + READY);
            }
            try {
                TimeUnit.MILLISECONDS.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted waiting for topics " + names, e);
            }
        }
    }

    private boolean allPartitionsLed(List<String> names) {
        Map<String, TopicDescription> descriptions;
        try {
            descriptions = describe(names);
        } catch (IllegalStateException e) {
            if (e.getCause() instanceof UnknownTopicOrPartitionException) {
                return false;
            }
            throw e;
        }
        return descriptions.values().stream().flatMap(d -> d.partitions().stream())
                .allMatch(p -> p.leader() != null && !p.leader().isEmpty());
    }

    private Map<String, TopicDescription> describe(List<String> names) {
        try {
            return admin.describeTopics(names).allTopicNames().get(30, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            throw new IllegalStateException("cannot describe topics " + names + ": " + e.getCause().getMessage(),
                    e.getCause());
        } catch (TimeoutException e) {
            throw new IllegalStateException("timed out describing topics " + names + " on "
                    + config.bootstrapServers(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted describing topics " + names, e);
        }
    }

    private Set<String> existing() {
        try {
            return admin.listTopics().names().get(30, TimeUnit.SECONDS);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("cannot list topics on " + config.bootstrapServers() + ": " + e.getMessage(),
                    e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted listing topics", e);
        }
    }

    @Override
    public void close() {
        admin.close();
    }
}
