package dev.skald.orchestrator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.skald.avro.SagaDefinitionRecord;
import dev.skald.avro.SagaResult;
import dev.skald.avro.SagaStart;
import dev.skald.orchestrator.TestParticipants.Answer;
import dev.skald.orchestrator.internal.DefinitionCatalog;
import dev.skald.orchestrator.internal.Serdes;
import dev.skald.orchestrator.internal.TopicAdmin;
import dev.skald.saga.definition.Saga;
import dev.skald.saga.definition.SagaDefinition;
import dev.skald.saga.format.SagaDocuments;
import dev.skald.testkit.EmbeddedKafka;
import dev.skald.testkit.JvmProcess;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * An orchestrator process killed (SIGKILL, not closed) in the middle of a run and replaced by a new one with an empty
 * state directory: every saga finishes, none is lost, and a read_committed read of the command topics to their end
 * offsets sees no command twice.
 */
@Tag("slow")
class OrchestratorCrashIT {
    private static final int SAGAS = 150;

    @Test
    void aKilledOrchestratorIsReplacedWithoutLosingOrRepeatingAnything() throws Exception {
        try (EmbeddedKafka kafka = EmbeddedKafka.start()) {
            OrchestratorConfig config = OrchestratorConfig.builder(kafka.bootstrapServers())
                    .applicationId("crash-it").schemaRegistryUrl("mock://crash-it").partitions(3)
                    .stateDir(Files.createTempDirectory("skald-crash-test")).build();
            Serdes serdes = Serdes.create(config.serdeConfig());
            SagaDefinition definition = Saga.named("order").version(1)
                    .step("reserve").call("inventory", "Reserve").compensateWith("inventory", "Release")
                    .step("charge").call("payment", "Charge")
                    .step("ship").call("shipping", "Ship")
                    .step("notify").call("notification", "Notify")
                    .build();
            try (TopicAdmin admin = new TopicAdmin(config)) {
                admin.ensureFixedTopics();
                admin.ensureCommandTopics(List.of("inventory", "payment", "shipping", "notification"));
            }
            try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(config.clientProperties(),
                    new StringSerializer(), new ByteArraySerializer());
                 TestParticipants participants = new TestParticipants(config, c -> Answer.ok("{}"))) {
                SkaldTopics topics = config.topics();
                SagaDefinitionRecord record = SagaDefinitionRecord.newBuilder().setName("order").setVersion(1)
                        .setDocument(SagaDocuments.toJson(definition)).setAppliedAt(Instant.now()).build();
                producer.send(new ProducerRecord<>(topics.definitions(), DefinitionCatalog.key("order", 1),
                        serdes.definitions().serializer().serialize(topics.definitions(), record))).get();

                JvmProcess first = orchestrator(kafka, "first");
                for (int i = 0; i < SAGAS; i++) {
                    SagaStart start = SagaStart.newBuilder().setSagaId("o-" + i).setDefinition("order")
                            .setVersion(null).setInput("{\"i\":" + i + "}").setCorrelationKey(null)
                            .setIdempotencyKey(null).setRequestedAt(Instant.now()).setParent(null).build();
                    producer.send(new ProducerRecord<>(topics.starts(), "o-" + i,
                            serdes.starts().serializer().serialize(topics.starts(), start)));
                }
                producer.flush();
                try (KafkaConsumer<String, byte[]> results = consumer(config, List.of(topics.results()))) {
                    Map<String, String> ended = new HashMap<>();
                    await().atMost(Duration.ofSeconds(90)).until(() -> drain(results, serdes, ended) >= SAGAS / 5);
                    first.kill();
                    assertThat(ended.size()).as("sagas ended before the kill").isLessThan(SAGAS);

                    try (JvmProcess second = orchestrator(kafka, "second")) {
                        await().atMost(Duration.ofSeconds(120)).until(() -> drain(results, serdes, ended) >= SAGAS);
                        assertThat(ended.values()).as("every saga completed").containsOnly("COMPLETED");
                    }
                }
                Map<String, Integer> seen = new HashMap<>();
                for (String participant : List.of("inventory", "payment", "shipping", "notification")) {
                    String topic = topics.commands(participant);
                    kafka.committedRecordsToEnd(topic, Duration.ofSeconds(60)).forEach(r -> seen.merge(
                            serdes.commands().deserializer().deserialize(topic, r.value()).getCommandId(), 1,
                            Integer::sum));
                }
                assertThat(seen).hasSize(SAGAS * 4);
                assertThat(seen.values()).as("deliveries per command id, every committed command read").containsOnly(1);
            }
        }
    }

    private static JvmProcess orchestrator(EmbeddedKafka kafka, String name) throws Exception {
        Path state = Files.createTempDirectory("skald-crash-" + name);
        return JvmProcess.builder(OrchestratorProcessMain.class).name("orchestrator-" + name)
                .systemProperty("skald.bootstrap-servers", kafka.bootstrapServers())
                .systemProperty("skald.application-id", "crash-it")
                .systemProperty("skald.schema-registry-url", "mock://crash-it")
                .systemProperty("skald.state-dir", state.toString())
                .readyLine(OrchestratorProcessMain.READY)
                .startTimeout(Duration.ofSeconds(120))
                .start();
    }

    private static int drain(KafkaConsumer<String, byte[]> consumer, Serdes serdes, Map<String, String> ended) {
        for (ConsumerRecord<String, byte[]> r : consumer.poll(Duration.ofMillis(200))) {
            SagaResult result = serdes.results().deserializer().deserialize(r.topic(), r.value());
            ended.put(result.getSagaId(), result.getStatus());
        }
        return ended.size();
    }

    private static KafkaConsumer<String, byte[]> consumer(OrchestratorConfig config, List<String> topics) {
        Properties props = config.clientProperties();
        props.put(ConsumerConfig.GROUP_ID_CONFIG, "crash-reader-" + UUID.randomUUID());
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        props.put(ConsumerConfig.METADATA_MAX_AGE_CONFIG, 500);
        KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(props, new StringDeserializer(),
                new ByteArrayDeserializer());
        consumer.subscribe(topics);
        return consumer;
    }
}
