package dev.skald.orchestrator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.skald.avro.SagaReply;
import dev.skald.avro.SagaStart;
import dev.skald.avro.ReplyOutcome;
import dev.skald.orchestrator.TestParticipants.Answer;
import dev.skald.orchestrator.internal.Serdes;
import dev.skald.saga.definition.Saga;
import dev.skald.saga.machine.SagaStatus;
import dev.skald.testkit.EmbeddedKafka;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

/** Every kind of bad input lands in the dead-letter topic, with its reason, while good sagas complete. */
class DeadLettersIT {

    @Test
    void badInputsOfEveryKindAreDeadLetteredWhileOtherSagasComplete() throws Exception {
        try (EmbeddedKafka kafka = EmbeddedKafka.start()) {
            OrchestratorConfig config = OrchestratorConfig.builder(kafka.bootstrapServers())
                    .applicationId("dlq-it").schemaRegistryUrl("mock://dlq-it").partitions(2)
                    .stateDir(Files.createTempDirectory("skald-dlq")).maxStateBytes(4096)
                    .commitInterval(Duration.ofMillis(50)).build();
            try (Orchestrator orchestrator = Orchestrator.start(config);
                 TestParticipants participants = new TestParticipants(config, c -> c.getCommandType().equals("Big")
                         ? Answer.ok("{\"blob\":\"" + "x".repeat(8000) + "\"}") : Answer.ok("{}"));
                 KafkaProducer<String, byte[]> raw = new KafkaProducer<>(config.clientProperties(),
                         new StringSerializer(), new ByteArraySerializer())) {
                orchestrator.apply(Saga.named("good").version(1).step("a").call("svc", "A").step("b").call("svc", "B")
                        .build());
                orchestrator.apply(Saga.named("big").version(1).step("a").call("svc", "Big").build());
                Serdes serdes = Serdes.create(config.serdeConfig());
                SkaldTopics topics = config.topics();
                List<String> good = new ArrayList<>();
                for (int i = 0; i < 20; i++) {
                    good.add(orchestrator.startSaga(StartRequest.of("good", Map.of("i", i))));
                }

                raw.send(new ProducerRecord<>(topics.replies(), "x", "garbage".getBytes(StandardCharsets.UTF_8)));
                raw.send(new ProducerRecord<>(topics.replies(), null, "no key".getBytes(StandardCharsets.UTF_8)));
                raw.send(new ProducerRecord<>(topics.starts(), "s-unknown", serdes.starts().serializer()
                        .serialize(topics.starts(), start("s-unknown", "nope", "{}"))));
                raw.send(new ProducerRecord<>(topics.starts(), "s-badjson", serdes.starts().serializer()
                        .serialize(topics.starts(), start("s-badjson", "good", "{not json"))));
                raw.send(new ProducerRecord<>(topics.replies(), "ghost", serdes.replies().serializer()
                        .serialize(topics.replies(), reply("ghost", "a"))));
                String bigSaga = orchestrator.startSaga(StartRequest.of("big", Map.of()));
                await().atMost(Duration.ofSeconds(60)).until(() -> orchestrator.queries().saga(good.get(0))
                        .map(s -> s.status() == SagaStatus.COMPLETED).orElse(false));
                raw.send(new ProducerRecord<>(topics.replies(), good.get(0), serdes.replies().serializer()
                        .serialize(topics.replies(), reply(good.get(0), "nosuchstep"))));
                raw.flush();

                List<ConsumerRecord<String, byte[]>> dead = new ArrayList<>();
                try (KafkaConsumer<String, byte[]> consumer = consumer(config)) {
                    consumer.subscribe(List.of(topics.deadLetters()));
                    await().atMost(Duration.ofSeconds(60)).until(() -> {
                        consumer.poll(Duration.ofMillis(200)).forEach(dead::add);
                        return dead.size() >= 7;
                    });
                }

                assertThat(dead).extracting(r -> header(r, "skald.dlq.kind")).containsExactlyInAnyOrder(
                        "UNDECODABLE", "UNDECODABLE", "UNKNOWN_DEFINITION", "UNDECODABLE", "UNKNOWN_SAGA", "TOO_LARGE",
                        "REJECTED");
                assertThat(dead).allSatisfy(r -> assertThat(header(r, "skald.dlq.reason")).isNotBlank());
                assertThat(dead).filteredOn(r -> "s-badjson".equals(r.key())).singleElement()
                        .satisfies(r -> assertThat(header(r, "skald.dlq.reason")).contains("input is not valid JSON"));
                for (String id : good) {
                    await().atMost(Duration.ofSeconds(60)).until(() -> orchestrator.queries().saga(id)
                            .map(s -> s.status() == SagaStatus.COMPLETED).orElse(false));
                }
                await().atMost(Duration.ofSeconds(30)).until(() -> orchestrator.queries().saga(bigSaga)
                        .map(s -> s.status() == SagaStatus.COMPENSATED).orElse(false));
                assertThat(orchestrator.queries().saga(bigSaga).orElseThrow().error())
                        .contains("larger than 4096 bytes");
            }
        }
    }

    private static SagaStart start(String id, String definition, String input) {
        return SagaStart.newBuilder().setSagaId(id).setDefinition(definition).setVersion(null).setInput(input)
                .setCorrelationKey(null).setIdempotencyKey(null).setRequestedAt(Instant.now()).setParent(null).build();
    }

    private static SagaReply reply(String sagaId, String stepId) {
        return SagaReply.newBuilder().setCommandId(sagaId + ":" + stepId + ":1:action").setSagaId(sagaId)
                .setStepId(stepId).setAttempt(1).setKind(dev.skald.avro.CommandKind.ACTION)
                .setOutcome(ReplyOutcome.SUCCESS).setOutput("{}").setError(null).setRepliedAt(Instant.now()).build();
    }

    private static KafkaConsumer<String, byte[]> consumer(OrchestratorConfig config) {
        Properties props = config.clientProperties();
        props.put(ConsumerConfig.GROUP_ID_CONFIG, "dlq-reader-" + UUID.randomUUID());
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        return new KafkaConsumer<>(props, new StringDeserializer(), new ByteArrayDeserializer());
    }

    private static String header(ConsumerRecord<String, byte[]> record, String key) {
        Header header = record.headers().lastHeader(key);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }
}
