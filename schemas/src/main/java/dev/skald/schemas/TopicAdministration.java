package dev.skald.schemas;

import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewPartitions;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.KafkaFuture;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;

/**
 * The topic work the orchestrator and the participants both do before they start: list what exists, create what is
 * missing (a topic another instance created a moment earlier is fine), and wait until every partition of a topic has a
 * leader (a topic the controller just created may not be in the brokers' metadata yet). Every failure is an
 * {@link IllegalStateException} naming the cluster and what could not be done.
 *
 * <pre>{@code
 * TopicAdministration topics = new TopicAdministration(admin, "localhost:9092");
 * topics.createMissing(List.of(new NewTopic("skald.saga-starts", 6, (short) 1)));
 * Map<String, Integer> partitions = topics.awaitLeaders(List.of("skald.saga-starts"));
 * }</pre>
 */
public final class TopicAdministration {
    /** How long one admin call, and the wait for leaders, may take. */
    public static final Duration TIMEOUT = Duration.ofSeconds(30);

    private final Admin admin;
    private final String cluster;

    /**
     * @param admin   the admin client (the caller closes it)
     * @param cluster the cluster's bootstrap servers, for messages
     */
    public TopicAdministration(Admin admin, String cluster) {
        this.admin = Objects.requireNonNull(admin, "admin can't be null");
        this.cluster = Objects.requireNonNull(cluster, "cluster can't be null");
    }

    /** The names of the topics that exist. */
    public Set<String> existing() {
        return call("list topics", admin.listTopics().names());
    }

    /** Creates the topics that do not exist yet; returns the ones it created. */
    public List<NewTopic> createMissing(Collection<NewTopic> topics) {
        Set<String> existing = existing();
        List<NewTopic> missing = topics.stream().filter(t -> !existing.contains(t.name())).toList();
        missing.forEach(this::create);
        return missing;
    }

    /**
     * Waits until every partition of these topics has a leader; returns each topic's partition count.
     *
     * @throws IllegalStateException when a topic does not exist, or has partitions without a leader, after
     *                               {@link #TIMEOUT}
     */
    public Map<String, Integer> awaitLeaders(Collection<String> topics) {
        long deadline = System.nanoTime() + TIMEOUT.toNanos();
        while (true) {
            Map<String, TopicDescription> described = describeIfAll(topics);
            if (described != null && described.values().stream().flatMap(d -> d.partitions().stream())
                    .allMatch(p -> p.leader() != null && !p.leader().isEmpty())) {
                Map<String, Integer> counts = new TreeMap<>();
                described.forEach((name, d) -> counts.put(name, d.partitions().size()));
                return counts;
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("topics " + topics + " still have partitions without a leader on "
                        + cluster + " after " + TIMEOUT);
            }
            pause();
        }
    }

    /** Adds partitions to a topic, up to {@code partitions} in all. */
    public void increasePartitions(String topic, int partitions) {
        call("add partitions to " + topic, admin.createPartitions(Map.of(topic,
                NewPartitions.increaseTo(partitions))).all());
    }

    /** The descriptions of every topic, or null while one of them is not known yet. */
    private Map<String, TopicDescription> describeIfAll(Collection<String> topics) {
        try {
            return admin.describeTopics(topics).allTopicNames().get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof UnknownTopicOrPartitionException) {
                return null;
            }
            throw failure("describe topics " + topics, e);
        } catch (TimeoutException e) {
            throw timeout("describe topics " + topics, e);
        } catch (InterruptedException e) {
            throw interrupted("describe topics " + topics, e);
        }
    }

    private void create(NewTopic topic) {
        try {
            admin.createTopics(List.of(topic)).all().get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            if (!(e.getCause() instanceof TopicExistsException)) {
                throw failure("create topic " + topic.name(), e);
            }
        } catch (TimeoutException e) {
            throw timeout("create topic " + topic.name(), e);
        } catch (InterruptedException e) {
            throw interrupted("create topic " + topic.name(), e);
        }
    }

    private <T> T call(String what, KafkaFuture<T> future) {
        try {
            return future.get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            throw failure(what, e);
        } catch (TimeoutException e) {
            throw timeout(what, e);
        } catch (InterruptedException e) {
            throw interrupted(what, e);
        }
    }

    private IllegalStateException failure(String what, ExecutionException e) {
        return new IllegalStateException("cannot " + what + " on " + cluster + ": " + e.getCause().getMessage(),
                e.getCause());
    }

    private IllegalStateException timeout(String what, TimeoutException e) {
        return new IllegalStateException("cannot " + what + " on " + cluster + " within " + TIMEOUT.toSeconds()
                + " s: is the cluster reachable?", e);
    }

    private static IllegalStateException interrupted(String what, InterruptedException e) {
        Thread.currentThread().interrupt();
        return new IllegalStateException("interrupted: " + what, e);
    }

    private static void pause() {
        try {
            TimeUnit.MILLISECONDS.sleep(50);
        } catch (InterruptedException e) {
            throw interrupted("waiting for topic metadata", e);
        }
    }
}
