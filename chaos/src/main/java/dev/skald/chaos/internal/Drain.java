package dev.skald.chaos.internal;

import dev.skald.orchestrator.SkaldTopics;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ListOffsetsResult;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.IsolationLevel;
import org.apache.kafka.common.TopicPartition;

/**
 * Waits until the participants consumed their command topics to the end (their groups' committed offsets reach the
 * last record of each partition: the orchestrator writes commands in transactions, so a partition's last offset is a
 * commit marker that a consumer's committed offset stops just before): after it, every command has had its chance to
 * be answered, so a command without a reply is one a participant lost.
 */
public final class Drain {
    /** The offset a transaction's commit marker takes at the end of a partition. */
    private static final long COMMIT_MARKER = 1;
    private Drain() {
    }

    /**
     * Waits for the groups {@code skald-participant-<name>} to consume {@code skald.commands.<name>}, as long as they
     * make progress: it gives up once the lag has not shrunk for {@code stalledFor}; returns the partitions still
     * behind (empty when drained).
     */
    public static Map<TopicPartition, Long> await(String bootstrap, SkaldTopics topics, List<String> participants,
                                                  Duration stalledFor) {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
            Map<TopicPartition, Long> behind = behind(admin, topics, participants);
            long least = total(behind);
            Instant lastProgress = Instant.now();
            while (!behind.isEmpty() && Duration.between(lastProgress, Instant.now()).compareTo(stalledFor) < 0) {
                Pause.millis(500);
                behind = behind(admin, topics, participants);
                if (total(behind) < least) {
                    least = total(behind);
                    lastProgress = Instant.now();
                }
            }
            return behind;
        }
    }

    private static long total(Map<TopicPartition, Long> lag) {
        return lag.values().stream().mapToLong(Long::longValue).sum();
    }

    private static Map<TopicPartition, Long> behind(Admin admin, SkaldTopics topics, List<String> participants) {
        try {
            Map<TopicPartition, Long> lag = new java.util.HashMap<>();
            for (String participant : participants) {
                Map<TopicPartition, OffsetAndMetadata> committed = admin
                        .listConsumerGroupOffsets("skald-participant-" + participant).partitionsToOffsetAndMetadata()
                        .get();
                List<TopicPartition> partitions = admin.describeTopics(List.of(topics.commands(participant)))
                        .allTopicNames().get().values().stream().flatMap(d -> d.partitions().stream()
                                .map(p -> new TopicPartition(d.name(), p.partition()))).toList();
                Map<TopicPartition, ListOffsetsResult.ListOffsetsResultInfo> ends = admin.listOffsets(
                        partitions.stream().collect(Collectors.toMap(p -> p, p -> OffsetSpec.latest())),
                        new org.apache.kafka.clients.admin.ListOffsetsOptions(IsolationLevel.READ_COMMITTED))
                        .all().get();
                ends.forEach((partition, end) -> {
                    OffsetAndMetadata at = committed.get(partition);
                    long consumed = at == null ? 0 : at.offset();
                    if (consumed < end.offset() - COMMIT_MARKER) {
                        lag.put(partition, end.offset() - consumed);
                    }
                });
            }
            return lag;
        } catch (ExecutionException e) {
            throw new IllegalStateException("cannot read the participants' progress: " + e.getCause(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for the participants", e);
        }
    }
}
