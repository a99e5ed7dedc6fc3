package dev.skald.participant;

import dev.skald.avro.SagaCommand;
import dev.skald.avro.SagaReply;
import dev.skald.schemas.AvroSerde;
import dev.skald.schemas.AvroSerdes;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * The test's side of the wire: writes commands as the orchestrator would, and reads what participants wrote, from
 * the beginning of a topic to its end, read_committed unless told otherwise.
 */
public final class Wire implements AutoCloseable {
    private final String bootstrapServers;
    private final ParticipantTopics topics;
    private final AvroSerde<SagaCommand> commands;
    private final AvroSerde<SagaReply> replies;
    private final KafkaProducer<byte[], byte[]> producer;

    public Wire(String bootstrapServers, String registryUrl, ParticipantTopics topics) {
        this.bootstrapServers = bootstrapServers;
        this.topics = topics;
        Map<String, Object> serde = Map.of("schema.registry.url", registryUrl);
        this.commands = AvroSerdes.of(SagaCommand.class, serde);
        this.replies = AvroSerdes.of(SagaReply.class, serde);
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        this.producer = new KafkaProducer<>(p, new ByteArraySerializer(), new ByteArraySerializer());
    }

    /** Writes a command to its participant's topic, keyed by saga id, and waits for the ack. */
    public void send(SagaCommand command) {
        sendRaw(topics.commands(command.getParticipant()), command.getSagaId(),
                commands.serialize(topics.commands(command.getParticipant()), command));
    }

    /** The bytes a command has on the wire. */
    public byte[] encode(SagaCommand command) {
        return commands.serialize(topics.commands(command.getParticipant()), command);
    }

    /** Writes raw bytes (null for a tombstone), keyed by {@code key}, and waits for the ack. */
    public void sendRaw(String topic, String key, byte[] value) {
        try {
            producer.send(new ProducerRecord<>(topic, key == null ? null : key.getBytes(StandardCharsets.UTF_8),
                    value)).get(30, TimeUnit.SECONDS);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("cannot write to " + topic, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Every committed reply on the reply topic, in partition then offset order. */
    public List<SagaReply> replies() {
        return records(topics.replies(), true).stream()
                .map(r -> replies.deserialize(r.topic(), r.value())).toList();
    }

    /** Decodes a reply's bytes. */
    public SagaReply decode(byte[] reply) {
        return replies.deserialize(topics.replies(), reply);
    }

    /** Every record of a topic (committed ones only if {@code committedOnly}), in partition then offset order. */
    public List<ConsumerRecord<byte[], byte[]>> records(String topic, boolean committedOnly) {
        Properties c = new Properties();
        c.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        c.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, committedOnly ? "read_committed" : "read_uncommitted");
        c.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        List<ConsumerRecord<byte[], byte[]>> out = new ArrayList<>();
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(c, new ByteArrayDeserializer(),
                new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic, Duration.ofSeconds(10)).stream()
                    .map(p -> new TopicPartition(topic, p.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> ends = consumer.endOffsets(partitions);
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (partitions.stream().anyMatch(tp -> consumer.position(tp) < ends.get(tp))) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("cannot read " + topic + " to its end within 30 s");
                }
                consumer.poll(Duration.ofMillis(50)).forEach(out::add);
            }
        }
        out.sort((a, b) -> a.partition() != b.partition() ? Integer.compare(a.partition(), b.partition())
                : Long.compare(a.offset(), b.offset()));
        return out;
    }

    /** A header's value as text, or null. */
    public static String header(ConsumerRecord<?, ?> record, String key) {
        Header header = record.headers().lastHeader(key);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }

    @Override
    public void close() {
        producer.close(Duration.ofSeconds(5));
    }
}
