package dev.skald.participant.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.skald.orchestrator.HistoryEntry;
import dev.skald.orchestrator.Orchestrator;
import dev.skald.orchestrator.OrchestratorConfig;
import dev.skald.orchestrator.SagaView;
import dev.skald.orchestrator.StartRequest;
import dev.skald.participant.Participant;
import dev.skald.participant.ParticipantConfig;
import dev.skald.participant.ParticipantTopics;
import dev.skald.saga.definition.HttpStep;
import java.nio.charset.StandardCharsets;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import dev.skald.participant.http.ScriptedServer.Answer;
import dev.skald.participant.http.internal.HttpCommandHandler;
import dev.skald.saga.format.SagaDocuments;
import dev.skald.saga.machine.Command;
import dev.skald.saga.machine.CommandKind;
import dev.skald.saga.machine.SagaStatus;
import dev.skald.testkit.EmbeddedKafka;
import java.io.IOException;
import java.nio.file.Files;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * http steps end to end on a real broker: the orchestrator, the http executor and a real local HTTP server that
 * answers as each test scripts it (successes, 5xx, 4xx, slow answers, a closed port).
 */
@Tag("kafka")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class HttpStepIT {
    private static final String SECRET = "s3cr3t-t0ken";
    private static final AtomicInteger SAGAS = new AtomicInteger();

    private final String registry = "mock://http-step-it";
    private EmbeddedKafka kafka;
    private Orchestrator orchestrator;
    private Participant executor;
    private ScriptedServer server;

    @BeforeAll
    void start() throws IOException {
        kafka = EmbeddedKafka.start();
        server = new ScriptedServer();
        orchestrator = Orchestrator.start(OrchestratorConfig.builder(kafka.bootstrapServers())
                .applicationId("http-step-it").schemaRegistryUrl(registry).partitions(2)
                .stateDir(Files.createTempDirectory("http-step-it")).commitInterval(Duration.ofMillis(50))
                .timerInterval(Duration.ofMillis(50)).build());
        executor = HttpTasks.start(ParticipantConfig.builder(kafka.bootstrapServers()).schemaRegistryUrl(registry)
                        .partitions(2).pollTimeout(Duration.ofMillis(50)).build(),
                HttpTaskSettings.defaults().withCallTimeout(Duration.ofSeconds(1))
                        .withSecrets(Map.of("API_TOKEN", SECRET)));
    }

    @AfterAll
    void stop() {
        for (AutoCloseable closeable : new AutoCloseable[] {executor, orchestrator, server, kafka}) {
            if (closeable != null) {
                try {
                    closeable.close();
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            }
        }
    }

    /** A saga of two http steps: charge (undone by a DELETE), then confirm; paths are unique to the saga. */
    private String run(String id, String token, String confirmUrl) {
        String definition = """
                {"name": "%1$s", "version": 1, "steps": [
                  {"id": "charge", "type": "http",
                   "request": {"method": "POST", "url": "%2$s",
                               "headers": {"Authorization": "Bearer {{secret:%3$s}}"},
                               "body": {"amount": "${input.amount}", "note": "{{secret:%3$s}}"},
                               "successCodes": [201]},
                   "retry": {"maxAttempts": 3, "initialDelay": "100ms", "jitter": 0},
                   "compensation": {"request": {"method": "DELETE", "url": "%2$s"}}},
                  {"id": "confirm", "type": "http", "request": {"method": "PUT", "url": "%4$s"},
                   "retry": {"maxAttempts": 2, "initialDelay": "100ms", "jitter": 0}}]}"""
                .formatted(id, server.url("/" + id + "/charge"), token, confirmUrl);
        orchestrator.apply(SagaDocuments.fromJson(definition));
        return orchestrator.startSaga(StartRequest.of(id, Map.of("amount", 42)).sagaId(id));
    }

    private String run(String id) {
        return run(id, "API_TOKEN", server.url("/" + id + "/confirm"));
    }

    private static String name(String what) {
        return what + "-" + SAGAS.incrementAndGet();
    }

    private SagaView awaitEnd(String sagaId) {
        return await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(100))
                .until(() -> orchestrator.queries().saga(sagaId).orElse(null), s -> s != null && s.status().isTerminal());
    }

    private String everythingStoredAbout(String sagaId) {
        List<HistoryEntry> history = orchestrator.queries().history(sagaId).orElseThrow();
        return orchestrator.queries().saga(sagaId).orElseThrow().toJson() + HistoryEntry.toJson(history).toString();
    }

    /** The records on the executor's command topic, as text (Avro writes strings as they are), up to the saga's. */
    private List<String> commandsOnTheWire(String sagaId) {
        Map<String, Object> config = Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest", ConsumerConfig.GROUP_ID_CONFIG, "wire-" + SAGAS.get());
        try (var consumer = new KafkaConsumer<>(config, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            consumer.subscribe(List.of(ParticipantTopics.DEFAULT.commands(HttpStep.PARTICIPANT)));
            List<String> out = new java.util.ArrayList<>();
            await().atMost(Duration.ofSeconds(30)).until(() -> {
                consumer.poll(Duration.ofMillis(200)).forEach(r -> out.add(new String(r.value(), StandardCharsets.UTF_8)));
                return out.stream().anyMatch(c -> c.contains(sagaId));
            });
            return out;
        }
    }

    @Test
    void aCallThatSucceedsCompletesTheStepWithTheResponseCarryingTheSecretAndTheCommandIdButStoringNeither() {
        String id = name("ok");
        server.script("/" + id + "/charge", Answer.of(201, "{\"chargeId\": \"ch-1\"}"));
        server.script("/" + id + "/confirm", Answer.of(204, ""));

        SagaView saga = awaitEnd(run(id));

        assertThat(saga.status()).isEqualTo(SagaStatus.COMPLETED);
        assertThat(saga.step("charge").orElseThrow().output().get("status").intValue()).isEqualTo(201);
        assertThat(saga.step("charge").orElseThrow().output().get("body").get("chargeId").textValue()).isEqualTo("ch-1");
        ScriptedServer.Received charge = server.received("POST", "/" + id + "/charge").get(0);
        assertThat(charge.header("Authorization")).isEqualTo("Bearer " + SECRET);
        assertThat(charge.header(HttpCommandHandler.IDEMPOTENCY_KEY))
                .isEqualTo(Command.id(id, "charge", 1, CommandKind.ACTION));
        assertThat(charge.header("Content-Type")).isEqualTo("application/json");
        assertThat(charge.body()).contains("\"amount\":42").contains("\"note\":\"" + SECRET + "\"");
        assertThat(everythingStoredAbout(id)).doesNotContain(SECRET);
        assertThat(commandsOnTheWire(id)).anyMatch(c -> c.contains(id) && c.contains("{{secret:API_TOKEN}}"))
                .noneMatch(c -> c.contains(SECRET));
    }

    @Test
    void aServerErrorIsRetriedWithTheNewAttemptsCommandIdAsItsKey() {
        String id = name("retry");
        server.script("/" + id + "/charge", Answer.of(503, "busy"), Answer.of(201, "{}"));
        server.script("/" + id + "/confirm", Answer.of(200, "{}"));

        SagaView saga = awaitEnd(run(id));

        assertThat(saga.status()).isEqualTo(SagaStatus.COMPLETED);
        assertThat(saga.step("charge").orElseThrow().attempts()).isEqualTo(2);
        assertThat(server.received("POST", "/" + id + "/charge"))
                .extracting(r -> r.header(HttpCommandHandler.IDEMPOTENCY_KEY))
                .containsExactly(Command.id(id, "charge", 1, CommandKind.ACTION),
                        Command.id(id, "charge", 2, CommandKind.ACTION));
    }

    @Test
    void aSlowAnswerTimesOutAndIsRetried() {
        String id = name("slow");
        CountDownLatch slow = new CountDownLatch(1);
        server.script("/" + id + "/charge", new Answer(201, "{\"late\": true}", slow), Answer.of(201, "{}"));
        server.script("/" + id + "/confirm", Answer.of(200, "{}"));

        SagaView saga = awaitEnd(run(id));
        slow.countDown();

        assertThat(saga.status()).isEqualTo(SagaStatus.COMPLETED);
        assertThat(saga.step("charge").orElseThrow().attempts()).isEqualTo(2);
        assertThat(saga.step("charge").orElseThrow().output().get("body").has("late")).isFalse();
        assertThat(everythingStoredAbout(id)).contains("timed out after 1000 ms");
    }

    @Test
    void aClientErrorFailsTheStepAndAnHttpCompensationUndoesTheCompletedOne() {
        String id = name("undo");
        server.script("/" + id + "/charge", Answer.of(201, "{}"));
        server.script("/" + id + "/confirm", Answer.of(409, "{\"error\": \"already confirmed\"}"));

        SagaView saga = awaitEnd(run(id));

        assertThat(saga.status()).isEqualTo(SagaStatus.COMPENSATED);
        assertThat(saga.error()).contains("HTTP 409 from PUT").contains("already confirmed");
        assertThat(server.received("PUT", "/" + id + "/confirm")).hasSize(1);
        assertThat(server.received("DELETE", "/" + id + "/charge")).singleElement()
                .extracting(r -> r.header(HttpCommandHandler.IDEMPOTENCY_KEY))
                .isEqualTo(Command.id(id, "charge", 1, CommandKind.COMPENSATION));
    }

    @Test
    void aServerThatCannotBeReachedIsRetriedUntilThePolicyGivesUp() throws IOException {
        String id = name("down");
        server.script("/" + id + "/charge", Answer.of(201, "{}"));
        String closedPort;
        try (var socket = new java.net.ServerSocket(0)) {
            closedPort = "http://127.0.0.1:" + socket.getLocalPort() + "/confirm";
        }

        SagaView saga = awaitEnd(run(id, "API_TOKEN", closedPort));

        assertThat(saga.status()).isEqualTo(SagaStatus.COMPENSATED);
        assertThat(saga.step("confirm").orElseThrow().attempts()).isEqualTo(2);
        assertThat(saga.error()).contains("PUT " + closedPort + " failed");
        assertThat(server.received("DELETE", "/" + id + "/charge")).hasSize(1);
    }

    @Test
    void aSecretThatIsNotConfiguredFailsTheStepSayingWhichOneWithoutCallingOut() {
        String id = name("nosecret");
        server.script("/" + id + "/charge", Answer.of(201, "{}"));

        SagaView saga = awaitEnd(run(id, "NOT_SET", server.url("/" + id + "/confirm")));

        assertThat(saga.status()).isEqualTo(SagaStatus.COMPENSATED);
        assertThat(saga.error()).contains("secret 'NOT_SET' is not configured");
        assertThat(server.received("POST", "/" + id + "/charge")).isEmpty();
    }
}
