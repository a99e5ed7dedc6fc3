package dev.skald.orchestrator.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.skald.orchestrator.OrchestratorConfig;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.utils.Utils;

/** What the hostile-input tests share: probes on every partition, and a reader of the dead-letter topic. */
final class HostileInputs {
    private HostileInputs() {
    }

    /** One saga id per partition of the input topics (by Kafka's default partitioner). */
    static List<String> probeIds(String prefix, int partitions) {
        Map<Integer, String> byPartition = new HashMap<>();
        for (int i = 0; byPartition.size() < partitions; i++) {
            String id = prefix + "-" + i;
            byPartition.putIfAbsent(partition(id, partitions), id);
        }
        return List.copyOf(byPartition.values());
    }

    static int partition(String key, int partitions) {
        return Utils.toPositive(Utils.murmur2(key.getBytes(StandardCharsets.UTF_8))) % partitions;
    }

    /** Starts a probe saga of {@code definition} on every partition and waits until each has COMPLETED. */
    static void probeEveryPartition(RestClient rest, String definition, int partitions) {
        List<String> probes = probeIds("probe-" + UUID.randomUUID(), partitions);
        for (String id : probes) {
            RestClient.Reply started = rest.post("/sagas", "{\"definition\":\"" + definition + "\",\"sagaId\":\"" + id
                    + "\",\"input\":{\"name\":\"probe\"}}");
            assertThat(started.status()).as("probe start %s", started).isEqualTo(202);
        }
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> assertThat(probes).allSatisfy(id ->
                assertThat(rest.get("/sagas/" + id).json().path("status").asText()).as("probe %s", id)
                        .isEqualTo("COMPLETED")));
    }

    /** Reads the dead-letter topic from the beginning until {@code done} holds for what was read. */
    static List<ConsumerRecord<String, byte[]>> deadLetters(OrchestratorConfig config,
            java.util.function.Predicate<List<ConsumerRecord<String, byte[]>>> done) {
        Properties props = config.clientProperties();
        props.put(ConsumerConfig.GROUP_ID_CONFIG, "dead-letter-reader-" + UUID.randomUUID());
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        List<ConsumerRecord<String, byte[]>> read = new ArrayList<>();
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(props, new StringDeserializer(),
                new ByteArrayDeserializer())) {
            consumer.subscribe(List.of(config.topics().deadLetters()));
            await().atMost(Duration.ofSeconds(60)).until(() -> {
                consumer.poll(Duration.ofMillis(200)).forEach(read::add);
                return done.test(read);
            });
        }
        return read;
    }

    /** Every committed record of the dead-letter topic, read up to its end. */
    static List<ConsumerRecord<String, byte[]>> deadLettersToEnd(OrchestratorConfig config) {
        Properties props = config.clientProperties();
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        List<ConsumerRecord<String, byte[]>> read = new ArrayList<>();
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(props, new StringDeserializer(),
                new ByteArrayDeserializer())) {
            List<org.apache.kafka.common.TopicPartition> partitions = consumer.partitionsFor(
                    config.topics().deadLetters()).stream()
                    .map(p -> new org.apache.kafka.common.TopicPartition(p.topic(), p.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<org.apache.kafka.common.TopicPartition, Long> end = consumer.endOffsets(partitions);
            await().atMost(Duration.ofSeconds(60)).until(() -> {
                consumer.poll(Duration.ofMillis(200)).forEach(read::add);
                return partitions.stream().allMatch(p -> consumer.position(p) >= end.get(p));
            });
        }
        return read;
    }

    /** A path segment, percent-encoded as clients must (child saga ids hold slashes). */
    static String segment(String value) {
        String encoded = java.net.URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
        return encoded.chars().allMatch(c -> c == '.') ? encoded.replace(".", "%2E") : encoded;
    }

    static String header(ConsumerRecord<?, ?> record, String key) {
        Header h = record.headers().lastHeader(key);
        return h == null ? null : new String(h.value(), StandardCharsets.UTF_8);
    }
}
