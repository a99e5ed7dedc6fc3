package dev.skald.testkit.internal;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.TopicPartitionInfo;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;

import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;

/** Creates topics idempotently and waits until every partition has a leader. */
public final class Topics {

    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    private Topics() {
    }

    /** Creates the topics that do not exist yet; existing topics are left as they are. */
    public static void create(Admin admin, Collection<NewTopic> topics) {
        for (var entry : admin.createTopics(topics).values().entrySet()) {
            try {
                entry.getValue().get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            } catch (ExecutionException e) {
                if (!(e.getCause() instanceof TopicExistsException)) {
                    throw new IllegalStateException("cannot create topic " + entry.getKey(), e.getCause());
                }
            } catch (TimeoutException e) {
                throw new IllegalStateException("cannot create topic " + entry.getKey() + " in " + TIMEOUT, e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while creating topic " + entry.getKey(), e);
            }
        }
        List<String> names = topics.stream().map(NewTopic::name).collect(Collectors.toList());
        Poll.until(() -> allPartitionsLed(admin, names), TIMEOUT,
                () -> "topics " + names + " have partitions without a leader");
    }

    private static boolean allPartitionsLed(Admin admin, List<String> names) {
        Map<String, TopicDescription> descriptions;
        try {
            descriptions = admin.describeTopics(names).allTopicNames().get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof UnknownTopicOrPartitionException) {
                return false;
            }
            throw new IllegalStateException("cannot describe topics " + names, e.getCause());
        } catch (TimeoutException e) {
            throw new IllegalStateException("cannot describe topics " + names + " in " + TIMEOUT, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while describing topics " + names, e);
        }
        return descriptions.values().stream()
                .flatMap(description -> description.partitions().stream())
                .map(TopicPartitionInfo::leader)
                .allMatch(leader -> leader != null && !leader.isEmpty());
    }
}
