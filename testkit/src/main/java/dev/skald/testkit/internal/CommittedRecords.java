package dev.skald.testkit.internal;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

/** Reads a topic's committed records from the beginning, with keys and values as text. */
public final class CommittedRecords {
    private static final Duration POLL = Duration.ofMillis(200);
    /** How long to go on reading after the awaited count: a duplicate would show up by then. */
    private static final Duration SETTLE = Duration.ofMillis(500);

    private CommittedRecords() {
    }

    /**
     * Reads until at least {@code atLeast} records arrived, then once more for {@link #SETTLE}.
     *
     * @throws IllegalStateException when fewer arrive within {@code within}, saying how many did
     */
    public static List<ConsumerRecord<String, String>> read(Map<String, Object> clientConfig, String topic,
                                                            int atLeast, Duration within) {
        Map<String, Object> config = new HashMap<>(clientConfig);
        config.put(ConsumerConfig.GROUP_ID_CONFIG, "testkit-reader-" + UUID.randomUUID());
        config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        List<ConsumerRecord<String, String>> records = new ArrayList<>();
        try (var consumer = new KafkaConsumer<>(config, new StringDeserializer(), new StringDeserializer())) {
            consumer.subscribe(List.of(topic));
            Instant deadline = Instant.now().plus(within);
            while (records.size() < atLeast) {
                if (Instant.now().isAfter(deadline)) {
                    throw new IllegalStateException("read " + records.size() + " committed record(s) of topic '"
                            + topic + "' in " + within + ", expected at least " + atLeast + ": " + records);
                }
                consumer.poll(POLL).forEach(records::add);
            }
            consumer.poll(SETTLE).forEach(records::add);
        }
        return records;
    }

    /**
     * Reads every committed record of a topic, from its beginning to its end offsets as they are when the read starts
     * (the last stable offsets): nothing committed before the call is missed, however late it comes in the topic.
     *
     * @throws IllegalStateException when the end is not reached within {@code within}
     */
    public static List<ConsumerRecord<String, byte[]>> readToEnd(Map<String, Object> clientConfig, String topic,
                                                                 Duration within) {
        Map<String, Object> config = new HashMap<>(clientConfig);
        config.put(ConsumerConfig.GROUP_ID_CONFIG, "testkit-reader-" + UUID.randomUUID());
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        List<ConsumerRecord<String, byte[]>> records = new ArrayList<>();
        try (var consumer = new KafkaConsumer<>(config, new StringDeserializer(), new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic, within).stream()
                    .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions, within);
            Instant deadline = Instant.now().plus(within);
            while (!end.entrySet().stream().allMatch(e -> consumer.position(e.getKey()) >= e.getValue())) {
                if (Instant.now().isAfter(deadline)) {
                    throw new IllegalStateException("read " + records.size() + " committed record(s) of topic '"
                            + topic + "' in " + within + " without reaching its end offsets " + end);
                }
                consumer.poll(POLL).forEach(records::add);
            }
        }
        return records;
    }
}
