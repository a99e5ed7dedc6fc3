package dev.skald.cli.internal;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.TimeoutException;

/** Reads a whole topic, from the beginning to its end offsets as of the call, committed records only. */
public final class TopicReader {
    private static final Duration POLL = Duration.ofMillis(200);

    private final KafkaAccess kafka;

    public TopicReader(KafkaAccess kafka) {
        this.kafka = kafka;
    }

    /** Every committed record of the topic, partition by partition in offset order; empty if it does not exist. */
    public List<ConsumerRecord<byte[], byte[]>> readAll(String topic) {
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(kafka.consumer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic, KafkaAccess.TIMEOUT).stream()
                    .map(p -> new TopicPartition(topic, p.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            return readToEnd(consumer, consumer.endOffsets(partitions, KafkaAccess.TIMEOUT));
        } catch (TimeoutException e) {
            throw kafka.unreachable("read topic " + topic, e);
        }
    }

    private static List<ConsumerRecord<byte[], byte[]>> readToEnd(KafkaConsumer<byte[], byte[]> consumer,
                                                                 Map<TopicPartition, Long> end) {
        List<ConsumerRecord<byte[], byte[]>> records = new ArrayList<>();
        long idleSince = System.nanoTime();
        while (!atEnd(consumer, end)) {
            int before = records.size();
            consumer.poll(POLL).forEach(records::add);
            if (records.size() > before) {
                idleSince = System.nanoTime();
            } else if (System.nanoTime() - idleSince > KafkaAccess.TIMEOUT.toNanos()) {
                throw new TimeoutException("no progress reading " + end.keySet());
            }
        }
        return records.stream().filter(r -> r.offset() < end.get(new TopicPartition(r.topic(), r.partition())))
                .toList();
    }

    private static boolean atEnd(KafkaConsumer<byte[], byte[]> consumer, Map<TopicPartition, Long> end) {
        return end.entrySet().stream().allMatch(e -> consumer.position(e.getKey(), KafkaAccess.TIMEOUT) >= e.getValue());
    }
}
