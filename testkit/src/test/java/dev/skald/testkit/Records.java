package dev.skald.testkit;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** Producing and consuming string records in tests, on any {@link KafkaBroker}. */
final class Records {

    static final Duration TIMEOUT = Duration.ofSeconds(30);

    private Records() {
    }

    /** Producer settings: string keys and values, acks=all, idempotent. */
    static Map<String, Object> producerConfig(KafkaBroker kafka) {
        Map<String, Object> config = kafka.clientConfig();
        config.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
        config.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        return config;
    }

    /** Sends {@code values} (keyed by themselves) and waits until every one is acknowledged. */
    static void produce(KafkaBroker kafka, String topic, List<String> values) {
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(producerConfig(kafka))) {
            for (String value : values) {
                producer.send(new ProducerRecord<>(topic, value, value));
            }
            producer.flush();
        }
    }

    /**
     * Reads {@code topic} from the beginning with a new consumer group until {@code expected} records came or the
     * timeout passed, and returns the values read, in order within each partition.
     */
    static List<String> consume(KafkaBroker kafka, String topic, int expected, String isolationLevel) {
        Map<String, Object> config = kafka.clientConfig();
        config.put(ConsumerConfig.GROUP_ID_CONFIG, "records-" + UUID.randomUUID());
        config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, isolationLevel);
        config.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
        config.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
        List<String> values = new ArrayList<>();
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(config)) {
            consumer.subscribe(List.of(topic));
            Instant deadline = Instant.now().plus(TIMEOUT);
            while (values.size() < expected && Instant.now().isBefore(deadline)) {
                for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(100))) {
                    values.add(record.value());
                }
            }
        }
        return values;
    }

    /** {@link #consume(KafkaBroker, String, int, String)} with {@code read_committed}. */
    static List<String> consume(KafkaBroker kafka, String topic, int expected) {
        return consume(kafka, topic, expected, "read_committed");
    }

    /** {@code prefix-0} to {@code prefix-(count-1)}. */
    static List<String> numbered(String prefix, int count) {
        List<String> values = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            values.add(prefix + "-" + i);
        }
        return values;
    }
}
