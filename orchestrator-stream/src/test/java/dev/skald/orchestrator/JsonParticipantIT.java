package dev.skald.orchestrator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.skald.saga.format.SagaDocuments;
import dev.skald.saga.machine.SagaStatus;
import dev.skald.schemas.DeadLetterHeaders;
import dev.skald.testkit.EmbeddedKafka;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Skald's plain JSON encoding on a real broker, as a participant without Avro sees it: the commands of a participant
 * listed in {@code skald.json-participants} arrive as JSON text, JSON replies (output given as an object) drive the
 * saga to its end, and a JSON reply that does not fit the schema is dead-lettered with the field named while the
 * saga waits for a good one.
 */
@Tag("kafka")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class JsonParticipantIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private EmbeddedKafka kafka;
    private OrchestratorConfig config;
    private Orchestrator orchestrator;
    private KafkaConsumer<String, String> commands;
    private KafkaProducer<String, String> replies;

    @BeforeAll
    void start() throws IOException {
        kafka = EmbeddedKafka.start();
        config = OrchestratorConfig.builder(kafka.bootstrapServers())
                .applicationId("json-participant-it").schemaRegistryUrl("mock://json-participant-it").partitions(2)
                .stateDir(Files.createTempDirectory("json-participant-it")).commitInterval(Duration.ofMillis(50))
                .jsonParticipants(Set.of("mailer")).build();
        orchestrator = Orchestrator.start(config);
        orchestrator.apply(SagaDocuments.fromJson("""
                {"name": "welcome", "version": 1, "steps": [
                  {"id": "mail", "participant": "mailer", "command": "SendWelcome",
                   "input": {"to": "${input.email}"}}]}"""));
        Properties c = config.clientProperties();
        c.put(ConsumerConfig.GROUP_ID_CONFIG, "json-participant-it-mailer");
        c.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        c.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        commands = new KafkaConsumer<>(c, new StringDeserializer(), new StringDeserializer());
        commands.subscribe(List.of(config.topics().commands("mailer")));
        replies = new KafkaProducer<>(config.clientProperties(), new StringSerializer(), new StringSerializer());
    }

    @AfterAll
    void stop() throws InterruptedException {
        for (AutoCloseable c : new AutoCloseable[] {commands, replies, orchestrator, kafka}) {
            if (c != null) {
                try {
                    c.close();
                } catch (Exception e) {
                    throw new IllegalStateException("could not close " + c, e);
                }
            }
        }
    }

    @Test
    void aParticipantWithoutAvroTakesPartInJsonAndABadReplyIsDeadLetteredWithItsFieldNamed() throws Exception {
        orchestrator.startSaga(StartRequest.of("welcome", Map.of("email", "ada@example.com")).sagaId("w-1"));

        JsonNode command = JSON.readTree(nextCommand().value());
        assertThat(command.get("commandId").textValue()).isEqualTo("w-1:mail:1:action");
        assertThat(command.get("kind").textValue()).isEqualTo("ACTION");
        assertThat(command.get("commandType").textValue()).isEqualTo("SendWelcome");
        assertThat(JSON.readTree(command.get("payload").textValue()).get("to").textValue())
                .isEqualTo("ada@example.com");
        assertThat(command.get("issuedAt").isIntegralNumber()).isTrue();

        ObjectNode bad = reply(command, "SUCCESS");
        bad.put("attempt", "first");
        send("w-1", bad.toString());
        ConsumerRecord<String, byte[]> deadLetter = awaitDeadLetter();
        assertThat(header(deadLetter, DeadLetterHeaders.KIND)).isEqualTo("UNDECODABLE");
        assertThat(header(deadLetter, DeadLetterHeaders.REASON)).contains("$.attempt");
        assertThat(orchestrator.queries().saga("w-1").orElseThrow().status()).isEqualTo(SagaStatus.RUNNING);

        ObjectNode good = reply(command, "SUCCESS");
        good.set("output", JSON.createObjectNode().put("messageId", "m-7"));
        send("w-1", good.toString());
        await().atMost(Duration.ofSeconds(30)).until(
                () -> orchestrator.queries().saga("w-1").map(SagaView::status).orElse(null),
                s -> s == SagaStatus.COMPLETED);
        assertThat(orchestrator.queries().saga("w-1").orElseThrow().step("mail").orElseThrow().output().toString())
                .isEqualTo("{\"messageId\":\"m-7\"}");
    }

    private ConsumerRecord<String, String> nextCommand() {
        List<ConsumerRecord<String, String>> seen = new ArrayList<>();
        await().atMost(Duration.ofSeconds(30)).until(() -> {
            commands.poll(Duration.ofMillis(200)).forEach(seen::add);
            return !seen.isEmpty();
        });
        return seen.get(0);
    }

    private static ObjectNode reply(JsonNode command, String outcome) {
        ObjectNode reply = JSON.createObjectNode();
        for (String field : List.of("commandId", "sagaId", "stepId", "attempt", "kind")) {
            reply.set(field, command.get(field));
        }
        reply.put("outcome", outcome);
        reply.put("repliedAt", System.currentTimeMillis());
        return reply;
    }

    private void send(String key, String value) throws Exception {
        replies.send(new ProducerRecord<>(config.topics().replies(), key, value)).get();
    }

    private ConsumerRecord<String, byte[]> awaitDeadLetter() {
        Properties c = config.clientProperties();
        c.put(ConsumerConfig.GROUP_ID_CONFIG, "json-participant-it-dead-letters");
        c.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        c.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        List<ConsumerRecord<String, byte[]>> seen = new ArrayList<>();
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(c, new StringDeserializer(),
                new org.apache.kafka.common.serialization.ByteArrayDeserializer())) {
            consumer.subscribe(List.of(config.topics().deadLetters()));
            await().atMost(Duration.ofSeconds(30)).until(() -> {
                consumer.poll(Duration.ofMillis(200)).forEach(seen::add);
                return !seen.isEmpty();
            });
        }
        return seen.get(0);
    }

    private static String header(ConsumerRecord<String, byte[]> record, String name) {
        return new String(record.headers().lastHeader(name).value(), StandardCharsets.UTF_8);
    }
}
