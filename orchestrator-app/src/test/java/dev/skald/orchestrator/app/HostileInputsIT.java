package dev.skald.orchestrator.app;

import static dev.skald.orchestrator.app.HostileInputs.header;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.skald.avro.ControlAction;
import dev.skald.avro.ExternalEvent;
import dev.skald.avro.SagaCommand;
import dev.skald.avro.SagaControl;
import dev.skald.avro.SagaDefinitionRecord;
import dev.skald.avro.SagaReply;
import dev.skald.avro.SagaStart;
import dev.skald.avro.TimerFired;
import dev.skald.orchestrator.OrchestratorConfig;
import dev.skald.orchestrator.SkaldTopics;
import dev.skald.orchestrator.TestParticipants.Answer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Each class of input that once stopped every partition (or answered 500, or lost a decimal), sent for real: after
 * each, a probe saga on every partition still completes, and the input ended as a 4xx or a dead letter.
 */
@Tag("kafka")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class HostileInputsIT {
    private static final int PARTITIONS = 3;
    private static final String GREETING = """
            {"name": "greeting", "version": 1, "steps": [
              {"id": "greet", "participant": "greeter", "command": "SayHello", "input": {"name": "${input.name}"}}
            ]}""";
    private static final String PAY = """
            {"name": "pay", "version": 1, "steps": [
              {"id": "charge", "participant": "payment", "command": "Charge",
               "input": {"amount": "${input.amount}", "big": "${input.big}"}}
            ], "output": {"charged": "${charge.output.amount}", "big": "${charge.output.big}"}}""";

    private AppFixture fixture;
    private RestClient rest;
    private OrchestratorConfig config;

    @BeforeAll
    void start() {
        fixture = AppFixture.start("hostile-it", Map.of("skald.partitions", PARTITIONS,
                "skald.terminal-retention", "15s", "skald.idempotency-window", "1h"), this::echo);
        rest = fixture.rest();
        config = fixture.app().orchestrator().config();
        assertThat(rest.post("/definitions", GREETING).status()).isEqualTo(201);
        assertThat(rest.post("/definitions", PAY).status()).isEqualTo(201);
    }

    @AfterAll
    void stop() {
        if (fixture != null) {
            fixture.close();
        }
    }

    /** Participants answer every command with its own payload. */
    private Answer echo(SagaCommand command) {
        return Answer.ok(command.getPayload());
    }

    @Test
    void sagaIdsHoldingKeySeparatorsKeepTheirOwnStateAndHistory() {
        List<String> ids = List.of("sep", "sep/0000000001", "sep/0000000001/0000000002", "sep/x:1:ACTION");
        assertThat(start("greeting", "sep|x|RETRY", "{}").status()).isEqualTo(400);
        assertThat(start("greeting", "sep%2F", "{}").status()).isEqualTo(400);
        for (String id : ids) {
            assertThat(start("greeting", id, "{\"name\":\"" + id + "\"}").status()).isEqualTo(202);
        }

        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> assertThat(ids).allSatisfy(id ->
                assertThat(get(id).path("status").asText()).isEqualTo("COMPLETED")));
        for (String id : ids) {
            assertThat(get(id).path("input").path("name").asText()).isEqualTo(id);
            JsonNode history = rest.get("/sagas/" + encode(id) + "/history").json();
            assertThat(history).isNotEmpty().allSatisfy(e -> assertThat(e.path("type").asText()).isNotEmpty());
            assertThat(history.toString()).contains("COMPLETED");
        }
        HostileInputs.probeEveryPartition(rest, "greeting", PARTITIONS);
    }

    @Test
    void aDefinitionNameShapedLikeAVersionKeyIsA400NotA500() {
        RestClient.Reply defined = rest.post("/definitions", GREETING.replace("\"greeting\"",
                "\"greeting/0000000001\""));
        RestClient.Reply started = rest.post("/sagas", "{\"definition\":\"greeting/0000000001\",\"input\":{}}");

        assertThat(defined.status()).isEqualTo(400);
        assertThat(defined.json().path("problems").toString()).contains("\"place\":\"name\"");
        assertThat(started.status()).isEqualTo(400);
        assertThat(started.json().path("problems").toString()).contains("definition");
        HostileInputs.probeEveryPartition(rest, "greeting", PARTITIONS);
    }

    @Test
    void durationsThatWouldOverflowTimeArithmeticAreRefusedWithTheirPlace() {
        RestClient.Reply reply = rest.post("/definitions", """
                {"name": "forever", "version": 1, "timeout": "PT2562047788015215H", "steps": [
                  {"id": "a", "participant": "p", "command": "A", "responseTimeout": "106751991167d",
                   "retry": {"maxAttempts": 3, "backoff": "fixed", "initialDelay": "9223372036854775807ms"}}]}""");

        assertThat(reply.status()).isEqualTo(400);
        assertThat(reply.text()).contains("steps[a].responseTimeout").contains("at most 3650 days");
        HostileInputs.probeEveryPartition(rest, "greeting", PARTITIONS);
    }

    @Test
    void queriesAreValidatedAndBounded() {
        assertThat(rest.get("/sagas?status=NOPE").status()).isEqualTo(400);
        assertThat(rest.get("/sagas?status=NOPE").text()).contains("not a saga status");
        assertThat(rest.get("/sagas?limit=0").status()).isEqualTo(400);
        assertThat(rest.get("/sagas?limit=1000000").status()).isEqualTo(400);
        assertThat(rest.get("/sagas?status=completed&limit=5").status()).isEqualTo(200);
        assertThat(rest.get("/sagas/stuck?olderThan=99999999999999999999d").status()).isEqualTo(400);
        assertThat(rest.get("/sagas/stuck?olderThan=106751991167d").status()).isEqualTo(400);
        assertThat(rest.get("/internal/sagas/x?partition=-1&stale=false").status()).isEqualTo(400);
        assertThat(rest.get("/internal/sagas/x?partition=99&stale=false").status()).isEqualTo(400);
        assertThat(rest.get("/internal/sagas?limit=2000000000").status()).isEqualTo(400);
        assertThat(rest.get("/internal/sagas/stuck?olderThan=nope&limit=5").status()).isEqualTo(400);
        assertThat(rest.get("/sagas/" + encode("a b")).status()).isEqualTo(400);
        assertThat(rest.post("/sagas", "{\"definition\":\"greeting\",\"sagaId\":\"a\\u0000b\"}").status())
                .isEqualTo(400);
        assertThat(rest.post("/sagas", "{\"definition\":\"greeting\",\"idempotencyKey\":\"" + "k".repeat(600)
                + "\"}").status()).isEqualTo(400);
    }

    @Test
    void oversizedRequestsAre413WithTheLimitNamed() {
        RestClient.Reply tooLargeForState = rest.post("/sagas", "{\"definition\":\"greeting\",\"input\":{\"blob\":\""
                + "x".repeat(950_000) + "\"}}");
        RestClient.Reply tooLargeForServer = rest.post("/definitions", "{\"name\":\"" + "x".repeat(2_000_000)
                + "\"}");

        assertThat(tooLargeForState.status()).isEqualTo(413);
        assertThat(tooLargeForState.text()).contains("skald.max-state-bytes");
        assertThat(tooLargeForServer.status()).isEqualTo(413);
        HostileInputs.probeEveryPartition(rest, "greeting", PARTITIONS);
    }

    @Test
    void aStartWhoseCommandWouldOutgrowTheStateLimitIsDeadLetteredAndSendsNothing() {
        assertThat(rest.post("/definitions", """
                {"name": "triple", "version": 1, "steps": [
                  {"id": "copy", "participant": "copier", "command": "Copy",
                   "input": {"a": "${input.blob}", "b": "${input.blob}", "c": "${input.blob}"}}]}""").status())
                .isEqualTo(201);
        String id = "triple-1";

        assertThat(start("triple", id, "{\"blob\":\"" + "x".repeat(400_000) + "\"}").status()).isEqualTo(202);

        List<ConsumerRecord<String, byte[]>> dead = HostileInputs.deadLetters(config, read -> read.stream()
                .anyMatch(r -> id.equals(r.key())));
        assertThat(dead).filteredOn(r -> id.equals(r.key())).extracting(r -> header(r, "skald.dlq.reason"))
                .anySatisfy(reason -> assertThat(reason).contains("skald.max-state-bytes"));
        assertThat(dead).filteredOn(r -> id.equals(r.key())).extracting(r -> header(r, "skald.dlq.kind"))
                .containsOnly("TOO_LARGE");
        HostileInputs.probeEveryPartition(rest, "greeting", PARTITIONS);
        assertThat(rest.get("/sagas/" + id).status()).isEqualTo(404);
        assertThat(fixture.participants().seen()).noneMatch(c -> c.getSagaId().equals(id));
    }

    @Test
    void decimalsAreExactAtTheParticipantAndInTheSagaView() {
        String id = "money-1";
        assertThat(start("pay", id, "{\"amount\":49.90,\"big\":12345678901234567.89}").status()).isEqualTo(202);

        await().atMost(Duration.ofSeconds(60)).untilAsserted(() ->
                assertThat(get(id).path("status").asText()).isEqualTo("COMPLETED"));
        SagaCommand charge = fixture.participants().seen().stream().filter(c -> c.getSagaId().equals(id))
                .findFirst().orElseThrow();
        assertThat(charge.getPayload()).contains("\"amount\":49.90").contains("\"big\":12345678901234567.89");
        String view = rest.get("/sagas/" + id).text();
        assertThat(view).contains("\"amount\":49.90").contains("12345678901234567.89").doesNotContain("E16");
        assertThat(get(id).path("output").path("charged").decimalValue()).isEqualByComparingTo("49.90");
    }

    @Test
    void poisonRecordsOnEveryInputTopicAreDeadLetteredAndEveryPartitionKeepsWorking() throws Exception {
        SkaldTopics topics = config.topics();
        WireSerdes serdes = WireSerdes.create(config.serdeConfig());
        List<ProducerRecord<String, byte[]>> poison = new ArrayList<>();
        for (String topic : topics.inputs()) {
            poison.add(new ProducerRecord<>(topic, "garbage-" + topic, "not avro".getBytes(StandardCharsets.UTF_8)));
            poison.add(new ProducerRecord<>(topic, "empty-" + topic, new byte[0]));
            poison.add(new ProducerRecord<>(topic, "huge-" + topic, new byte[900_000]));
        }
        poison.add(new ProducerRecord<>(topics.starts(), "bad key with spaces", serdes.starts().serializer()
                .serialize(topics.starts(), start("bad key with spaces", "greeting"))));
        poison.add(new ProducerRecord<>(topics.starts(), "s-evil-def", serdes.starts().serializer()
                .serialize(topics.starts(), start("s-evil-def", "greeting/0000000001"))));
        poison.add(new ProducerRecord<>(topics.replies(), "sep", serdes.replies().serializer()
                .serialize(topics.replies(), SagaReply.newBuilder().setSagaId("sep").setStepId("../x").setAttempt(1)
                        .setKind(dev.skald.avro.CommandKind.ACTION).setOutcome(dev.skald.avro.ReplyOutcome.SUCCESS)
                        .setOutput("{}").setError(null).setCommandId("sep:../x:1:ACTION")
                        .setRepliedAt(Instant.now()).build())));
        poison.add(new ProducerRecord<>(topics.timers(), "sep", serdes.timers().serializer()
                .serialize(topics.timers(), TimerFired.newBuilder().setSagaId("sep").setTimerKey("RETRY/greet/NaN")
                        .setDueAt(Instant.now()).build())));
        poison.add(new ProducerRecord<>(topics.control(), "nobody", serdes.control().serializer()
                .serialize(topics.control(), SagaControl.newBuilder().setSagaId("nobody")
                        .setAction(ControlAction.CANCEL).setReason(null).setRequestedAt(Instant.now()).build())));
        poison.add(new ProducerRecord<>(topics.externalEvents(), "sep", serdes.externalEvents().serializer()
                .serialize(topics.externalEvents(), ExternalEvent.newBuilder().setSagaId("sep")
                        .setEventType("paid\u0000").setCorrelationKey(null).setPayload("{}")
                        .setOccurredAt(Instant.now()).build())));
        for (int i = 0; i < poison.size(); i++) {
            poison.get(i).headers().add("fuzz-id", Integer.toString(i).getBytes(StandardCharsets.UTF_8));
        }
        send(poison);

        Set<String> wanted = java.util.stream.IntStream.range(0, poison.size()).mapToObj(Integer::toString)
                .collect(Collectors.toSet());
        List<ConsumerRecord<String, byte[]>> dead = HostileInputs.deadLetters(config, read -> read.stream()
                .map(r -> header(r, "fuzz-id")).collect(Collectors.toSet()).containsAll(wanted));
        List<ConsumerRecord<String, byte[]>> ours = dead.stream().filter(r -> header(r, "fuzz-id") != null).toList();
        assertThat(ours).allSatisfy(r -> {
            assertThat(header(r, "skald.dlq.kind")).isIn("UNDECODABLE", "INVALID", "UNKNOWN_SAGA", "TOO_LARGE");
            assertThat(header(r, "skald.dlq.reason")).isNotBlank();
            assertThat(header(r, "skald.dlq.topic")).isIn(topics.inputs());
            assertThat(header(r, "skald.dlq.offset")).isNotNull();
        });
        assertThat(ours).filteredOn(r -> r.key().startsWith("s-evil-def") || r.key().startsWith("bad key"))
                .extracting(r -> header(r, "skald.dlq.kind")).containsOnly("INVALID");
        HostileInputs.probeEveryPartition(rest, "greeting", PARTITIONS);
        assertThat(rest.get("/health/ready").status()).isEqualTo(200);
    }

    @Test
    void aDefinitionWrittenAroundTheApiThatCannotBeReadDeadLettersItsStartsWithAStackSummary() throws Exception {
        WireSerdes serdes = WireSerdes.create(config.serdeConfig());
        String topic = config.topics().definitions();
        SagaDefinitionRecord broken = SagaDefinitionRecord.newBuilder().setName("broken").setVersion(1)
                .setDocument("{\"name\": \"broken\", \"version\": 1, \"steps\": \"not a list\"}")
                .setAppliedAt(Instant.now()).build();
        send(List.of(new ProducerRecord<>(topic, "broken/0000000001",
                serdes.definitions().serializer().serialize(topic, broken))));
        await().atMost(Duration.ofSeconds(30)).until(() -> rest.get("/definitions/broken/1").status() == 200);

        String sagaId = "uses-broken";
        send(List.of(new ProducerRecord<>(config.topics().starts(), sagaId, serdes.starts().serializer()
                .serialize(config.topics().starts(), start(sagaId, "broken")))));

        List<ConsumerRecord<String, byte[]>> dead = HostileInputs.deadLetters(config, read -> read.stream()
                .anyMatch(r -> sagaId.equals(r.key())));
        ConsumerRecord<String, byte[]> letter = dead.stream().filter(r -> sagaId.equals(r.key())).findFirst()
                .orElseThrow();
        assertThat(header(letter, "skald.dlq.kind")).isEqualTo("PROCESSING_ERROR");
        assertThat(header(letter, "skald.dlq.stack")).contains("\n  at ");
        HostileInputs.probeEveryPartition(rest, "greeting", PARTITIONS);
        assertThat(rest.get("/health/ready").status()).isEqualTo(200);
    }

    @Test
    void aRepeatedStartAfterRetentionDeletedTheSagaStartsNothing() {
        String body = "{\"definition\":\"greeting\",\"idempotencyKey\":\"once-only\",\"input\":{\"name\":\"x\"}}";
        String id = rest.post("/sagas", body).json().path("sagaId").asText();
        await().atMost(Duration.ofSeconds(60)).until(() -> rest.get("/sagas/" + id).status() == 200
                && get(id).path("status").asText().equals("COMPLETED"));
        await().atMost(Duration.ofSeconds(60)).until(() -> rest.get("/sagas/" + id).status() == 404);

        RestClient.Reply again = rest.post("/sagas", body);

        assertThat(again.status()).isEqualTo(202);
        assertThat(again.json().path("sagaId").asText()).isEqualTo(id);
        List<ConsumerRecord<String, byte[]>> dead = HostileInputs.deadLetters(config, read -> read.stream()
                .anyMatch(r -> id.equals(r.key()) && "REJECTED".equals(header(r, "skald.dlq.kind"))));
        assertThat(dead).filteredOn(r -> id.equals(r.key())).extracting(r -> header(r, "skald.dlq.reason"))
                .anySatisfy(reason -> assertThat(reason).contains("already ran"));
        assertThat(rest.get("/sagas/" + id).status()).isEqualTo(404);
        assertThat(fixture.participants().seen().stream().filter(c -> c.getSagaId().equals(id))).hasSize(1);
    }

    private RestClient.Reply start(String definition, String sagaId, String input) {
        return rest.post("/sagas", "{\"definition\":\"" + definition + "\",\"sagaId\":\"" + sagaId.replace("\\",
                "\\\\") + "\",\"input\":" + input + "}");
    }

    private JsonNode get(String id) {
        return rest.get("/sagas/" + encode(id)).json();
    }

    private static String encode(String id) {
        return HostileInputs.segment(id);
    }

    private static SagaStart start(String sagaId, String definition) {
        return SagaStart.newBuilder().setSagaId(sagaId).setDefinition(definition).setVersion(null).setInput("{}")
                .setCorrelationKey(null).setIdempotencyKey(null).setRequestedAt(Instant.now()).setParent(null).build();
    }

    private void send(List<ProducerRecord<String, byte[]>> records) throws Exception {
        java.util.Properties props = config.clientProperties();
        props.put(ProducerConfig.MAX_REQUEST_SIZE_CONFIG, 2_000_000);
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(props, new StringSerializer(),
                new ByteArraySerializer())) {
            for (ProducerRecord<String, byte[]> record : records) {
                producer.send(record).get();
            }
        }
    }
}
