package dev.skald.cli.internal;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ListOffsetsOptions;
import org.apache.kafka.clients.admin.ListOffsetsResult.ListOffsetsResultInfo;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.IsolationLevel;
import org.apache.kafka.common.TopicPartition;

/**
 * How many committed records of some topics a consumer group has not processed yet. The group's committed offset
 * can stop short of the end offset without anything being left: with exactly-once, the last offsets of a partition
 * can be transaction markers (or aborted records), which a read_committed consumer never returns. So for each
 * partition whose committed offset is below the end, the records in between are read, and only the records a
 * read_committed consumer returns count.
 */
public final class InputLag {
    private static final Duration POLL = Duration.ofMillis(200);

    private final KafkaAccess kafka;
    private final Admin admin;

    public InputLag(KafkaAccess kafka, Admin admin) {
        this.kafka = kafka;
        this.admin = admin;
    }

    /** The records of {@code topics} that {@code groupId} has not committed yet; 0 when it has caught up. */
    public long pending(String groupId, List<String> topics) {
        Map<TopicPartition, Long> end = offsets(partitions(topics), OffsetSpec.latest());
        Map<TopicPartition, Long> start = offsets(end.keySet().stream().toList(), OffsetSpec.earliest());
        Map<TopicPartition, OffsetAndMetadata> committed = kafka.await(
                admin.listConsumerGroupOffsets(groupId).partitionsToOffsetAndMetadata(), "read the offsets of "
                        + groupId);
        long pending = 0;
        for (Map.Entry<TopicPartition, Long> partition : end.entrySet()) {
            OffsetAndMetadata done = committed.get(partition.getKey());
            long from = Math.max(done == null ? 0 : done.offset(), start.get(partition.getKey()));
            if (from < partition.getValue()) {
                pending += records(partition.getKey(), from, partition.getValue());
            }
        }
        return pending;
    }

    /** Whether {@code groupId} has committed an offset on any of {@code topics}. */
    public boolean hasCommitted(String groupId, List<String> topics) {
        return kafka.await(admin.listConsumerGroupOffsets(groupId).partitionsToOffsetAndMetadata(),
                "read the offsets of " + groupId).entrySet().stream()
                .anyMatch(e -> e.getValue() != null && topics.contains(e.getKey().topic()));
    }

    private List<TopicPartition> partitions(List<String> topics) {
        Map<String, TopicDescription> descriptions = kafka.await(admin.describeTopics(topics).allTopicNames(),
                "describe " + topics);
        return descriptions.values().stream().flatMap(d -> d.partitions().stream()
                .map(p -> new TopicPartition(d.name(), p.partition()))).toList();
    }

    private Map<TopicPartition, Long> offsets(List<TopicPartition> partitions, OffsetSpec spec) {
        Map<TopicPartition, OffsetSpec> request = new HashMap<>();
        partitions.forEach(p -> request.put(p, spec));
        Map<TopicPartition, ListOffsetsResultInfo> result = kafka.await(admin.listOffsets(request,
                new ListOffsetsOptions(IsolationLevel.READ_COMMITTED)).all(), "list offsets");
        Map<TopicPartition, Long> offsets = new HashMap<>();
        result.forEach((p, info) -> offsets.put(p, info.offset()));
        return offsets;
    }

    /** The committed records in {@code [from, to)} of a partition. */
    private long records(TopicPartition partition, long from, long to) {
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(kafka.consumer())) {
            consumer.assign(List.of(partition));
            consumer.seek(partition, from);
            long count = 0;
            long deadline = System.nanoTime() + KafkaAccess.TIMEOUT.toNanos();
            while (consumer.position(partition, KafkaAccess.TIMEOUT) < to) {
                if (System.nanoTime() > deadline) {
                    throw kafka.unreachable("read " + partition, null);
                }
                for (ConsumerRecord<byte[], byte[]> record : consumer.poll(POLL)) {
                    count += record.offset() < to ? 1 : 0;
                }
            }
            return count;
        }
    }
}
