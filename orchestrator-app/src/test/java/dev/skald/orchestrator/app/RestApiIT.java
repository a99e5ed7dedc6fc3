package dev.skald.orchestrator.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.skald.avro.SagaCommand;
import dev.skald.orchestrator.TestParticipants.Answer;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Predicate;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The REST contract of DESIGN.md, end to end: a real broker, the Micronaut application in this JVM configured by its
 * {@code skald.*} properties, scripted participants answering commands, and plain HTTP calls.
 */
@Tag("kafka")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RestApiIT {
    private static final String GREETING = """
            {"name": "greeting", "version": 1, "steps": [
              {"id": "greet", "participant": "greeter", "command": "SayHello", "input": {"name": "${input.name}"}}
            ]}""";

    private AppFixture fixture;
    private RestClient rest;
    private final Set<String> refusedOnce = ConcurrentHashMap.newKeySet();
    private final Set<String> lostOnce = ConcurrentHashMap.newKeySet();

    @BeforeAll
    void start() {
        fixture = AppFixture.start("rest-api-it", Map.of("skald.partitions", 3,
                "skald.kafka.reconnect.backoff.max.ms", "2000", "skald.kafka.metadata-max-age-ms", "60000"),
                this::script);
        rest = fixture.rest();
        define(GREETING);
    }

    @AfterAll
    void stop() {
        if (fixture != null) {
            fixture.close();
        }
    }

    /** Command types tell the participants what to answer: {@code Fail...} refuses, {@code FailOnce...} once. */
    private Answer script(SagaCommand command) {
        String type = command.getCommandType();
        if (type.startsWith("FailOnce") && refusedOnce.add(command.getSagaId() + "/" + command.getStepId())) {
            return Answer.fail("refused once by " + type);
        }
        if (type.startsWith("LoseOnce") && lostOnce.add(command.getCommandId())) {
            return null;
        }
        if (type.startsWith("Fail") && !type.startsWith("FailOnce")) {
            return Answer.fail("refused by " + type);
        }
        return Answer.ok("{\"done\":\"" + type + "\"}");
    }

    private void define(String json) {
        RestClient.Reply reply = rest.post("/definitions", json);
        assertThat(reply.status()).as("%s", reply).isIn(200, 201);
    }

    private String startSaga(String json) {
        RestClient.Reply reply = rest.post("/sagas", json);
        assertThat(reply.status()).as("%s", reply).isEqualTo(202);
        return reply.json().get("sagaId").asText();
    }

    private JsonNode awaitSaga(String sagaId, Predicate<JsonNode> condition) {
        return rest.awaitSaga(sagaId, condition);
    }

    private JsonNode awaitStatus(String sagaId, String status) {
        return awaitSaga(sagaId, saga -> saga.get("status").asText().equals(status));
    }

    private static List<String> places(RestClient.Reply reply) {
        return StreamSupport.stream(reply.json().get("problems").spliterator(), false)
                .map(p -> p.get("place").asText()).toList();
    }

    private static List<String> texts(JsonNode array, String field) {
        List<String> out = new ArrayList<>();
        array.forEach(item -> out.add(item.path(field).asText()));
        return out;
    }

    // --- definitions ---

    @Test
    void aDefinitionVersionIsCreatedOnceAndNeverChanges() {
        String v1 = """
                {"name": "catalog", "version": 1, "steps": [{"id": "look", "participant": "shop", "command": "Look"}]}""";

        RestClient.Reply created = rest.post("/definitions", v1);
        RestClient.Reply again = rest.post("/definitions", v1);
        RestClient.Reply changed = rest.post("/definitions", v1.replace("\"Look\"", "\"Peek\""));

        assertThat(created.status()).as("%s", created).isEqualTo(201);
        assertThat(created.json()).isEqualTo(json("{\"name\":\"catalog\",\"version\":1}"));
        assertThat(again.status()).as("%s", again).isEqualTo(200);
        assertThat(again.json()).isEqualTo(created.json());
        assertThat(changed.status()).as("%s", changed).isEqualTo(409);
        assertThat(changed.json().get("error").asText()).contains("catalog", "version 1");
        assertThat(rest.get("/definitions/catalog/1").json().at("/steps/0/command").asText()).isEqualTo("Look");
    }

    @Test
    void definitionsAreListedAndReadByNameAndVersion() {
        define("""
                {"name": "atlas", "version": 1, "steps": [{"id": "a", "participant": "maps", "command": "Draw"}]}""");
        define("""
                {"name": "atlas", "version": 2, "steps": [{"id": "a", "participant": "maps", "command": "Redraw"}]}""");

        JsonNode all = rest.get("/definitions").json();
        RestClient.Reply latest = rest.get("/definitions/atlas");
        RestClient.Reply first = rest.get("/definitions/atlas/1");

        assertThat(all).contains(json("{\"name\":\"atlas\",\"latest\":2,\"versions\":[1,2]}"));
        assertThat(texts(all, "name")).contains("greeting", "atlas").isSorted();
        assertThat(latest.status()).isEqualTo(200);
        assertThat(latest.json().get("version").asInt()).isEqualTo(2);
        assertThat(latest.json().at("/steps/0/command").asText()).isEqualTo("Redraw");
        assertThat(first.status()).isEqualTo(200);
        assertThat(first.json().get("name").asText()).isEqualTo("atlas");
        assertThat(first.json().at("/steps/0/command").asText()).isEqualTo("Draw");
        for (String missing : List.of("/definitions/atlas/3", "/definitions/nowhere", "/definitions/nowhere/1")) {
            RestClient.Reply reply = rest.get(missing);
            assertThat(reply.status()).as(missing).isEqualTo(404);
            assertThat(reply.json().get("error").asText()).as(missing).contains("no definition");
        }
    }

    @Test
    void theSeedsConductorWorkflowIsAcceptedAndRuns() throws IOException {
        String workflow;
        try (InputStream in = getClass().getResourceAsStream("/seeds/user_onboarding_workflow.json")) {
            workflow = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }

        RestClient.Reply created = rest.post("/definitions", workflow);
        RestClient.Reply again = rest.post("/definitions", workflow);

        assertThat(created.status()).as("%s", created).isEqualTo(201);
        assertThat(created.json()).isEqualTo(json("{\"name\":\"user_onboarding_workflow\",\"version\":1}"));
        assertThat(again.status()).as("%s", again).isEqualTo(200);
        JsonNode stored = rest.get("/definitions/user_onboarding_workflow/1").json();
        assertThat(texts(stored.get("steps"), "id")).containsExactly("create_user", "verify_email",
                "notification_setup");
        String id = startSaga("""
                {"definition": "user_onboarding_workflow",
                 "input": {"email": "ann@example.com", "name": "Ann", "phone": "+3312345678"}}""");
        awaitStatus(id, "COMPLETED");
        assertThat(fixture.participants().trace(id))
                .containsExactly("create_user", "verify_email", "notification_setup");
    }

    @Test
    void anInvalidNativeDefinitionIsRefusedWithEveryProblem() {
        RestClient.Reply reply = rest.post("/definitions", """
                {"name": "order", "version": 1, "steps": [
                  {"id": "reserve", "participant": "inventory", "command": "ReserveStock", "retry": {"backof": "fixed"}},
                  {"id": "cool", "type": "wait", "duration": "10 minutes"},
                  {"id": "charge", "participant": "payments", "command": "Charge",
                   "input": {"shipment": "${ship.output.id}"}},
                  {"id": "ship", "participant": "shipping", "command": "Ship"}
                ]}""");

        assertThat(reply.status()).as("%s", reply).isEqualTo(400);
        assertThat(places(reply)).containsExactly("steps[reserve].retry.backof", "steps[cool].duration",
                "steps[charge].input");
        assertThat(reply.json().get("problems")).allSatisfy(p -> assertThat(p.get("message").asText()).isNotBlank());
        assertThat(rest.get("/definitions/order").status()).isEqualTo(404);
    }

    @Test
    void anInvalidConductorWorkflowIsRefusedWithEveryProblem() {
        RestClient.Reply reply = rest.post("/definitions", """
                {"name": "broken_flow", "version": 1, "tasks": [
                  {"name": "a", "type": "SIMPLE"},
                  {"name": "b", "taskReferenceName": "b", "type": "NOPE"},
                  {"name": "c", "taskReferenceName": "c", "type": "SIMPLE", "inputParameters": {"x": "${zzz.output.y}"}}
                ]}""");

        assertThat(reply.status()).as("%s", reply).isEqualTo(400);
        assertThat(places(reply)).containsExactly("tasks[0].taskReferenceName", "tasks[1](b).type",
                "tasks[2](c).inputParameters");
        assertThat(reply.json().at("/problems/1/message").asText()).contains("NOPE");
    }

    @Test
    void aBodyThatIsNotADefinitionIsRefused() {
        RestClient.Reply notJson = rest.post("/definitions", "{\"name\": ");
        RestClient.Reply notAnObject = rest.post("/definitions", "[1, 2]");

        assertThat(notJson.status()).isEqualTo(400);
        assertThat(places(notJson)).containsExactly("body");
        assertThat(notAnObject.status()).isEqualTo(400);
        assertThat(places(notAnObject)).containsExactly("body");
    }

    // --- sagas ---

    @Test
    void aStartedSagaRunsAndShowsTheDocumentedShape() {
        RestClient.Reply started = rest.post("/sagas", "{\"definition\": \"greeting\", \"input\": {\"name\": \"Ann\"}}");

        assertThat(started.status()).as("%s", started).isEqualTo(202);
        assertThat(started.json().properties()).extracting(Map.Entry::getKey).containsExactly("sagaId");
        String id = started.json().get("sagaId").asText();
        JsonNode saga = awaitStatus(id, "COMPLETED");
        assertThat(saga.properties()).extracting(Map.Entry::getKey).contains("sagaId", "definition", "version",
                "status", "input", "output", "error", "createdAt", "updatedAt", "steps");
        assertThat(saga.get("sagaId").asText()).isEqualTo(id);
        assertThat(saga.get("definition").asText()).isEqualTo("greeting");
        assertThat(saga.get("version").asInt()).isEqualTo(1);
        assertThat(saga.get("input")).isEqualTo(json("{\"name\":\"Ann\"}"));
        assertThat(saga.get("output").isObject()).isTrue();
        assertThat(saga.get("error").isNull()).isTrue();
        Instant created = Instant.parse(saga.get("createdAt").asText());
        assertThat(Instant.parse(saga.get("updatedAt").asText())).isAfterOrEqualTo(created);
        assertThat(saga.get("steps")).hasSize(1);
        JsonNode step = saga.get("steps").get(0);
        assertThat(step.properties()).extracting(Map.Entry::getKey).contains("id", "status", "attempts", "output",
                "error");
        assertThat(step.get("id").asText()).isEqualTo("greet");
        assertThat(step.get("status").asText()).isEqualTo("COMPLETED");
        assertThat(step.get("attempts").asInt()).isEqualTo(1);
        assertThat(step.get("output")).isEqualTo(json("{\"done\":\"SayHello\"}"));
        assertThat(step.get("error").isNull()).isTrue();
        assertThat(fixture.participants().seen().stream().filter(c -> c.getSagaId().equals(id)).findFirst()
                .orElseThrow().getPayload()).isEqualTo("{\"name\":\"Ann\"}");
    }

    @Test
    void theHistoryOfASagaListsItsTransitions() {
        String id = startSaga("{\"definition\": \"greeting\", \"input\": {\"name\": \"Bo\"}}");
        awaitStatus(id, "COMPLETED");

        RestClient.Reply history = rest.get("/sagas/" + id + "/history");

        assertThat(history.status()).isEqualTo(200);
        JsonNode events = history.json();
        assertThat(events.isArray()).isTrue();
        assertThat(events).allSatisfy(e -> assertThat(e.has("at") && e.has("type")).isTrue());
        assertThat(texts(events, "type")).contains("SAGA_TRANSITION", "STEP_TRANSITION");
        assertThat(events.get(events.size() - 1).get("to").asText()).isEqualTo("COMPLETED");
    }

    @Test
    void aGivenSagaIdIsKept() {
        RestClient.Reply started = rest.post("/sagas", """
                {"definition": "greeting", "version": 1, "input": {"name": "Cy"}, "sagaId": "greeting-for-cy"}""");

        assertThat(started.status()).as("%s", started).isEqualTo(202);
        assertThat(started.json().get("sagaId").asText()).isEqualTo("greeting-for-cy");
        assertThat(awaitStatus("greeting-for-cy", "COMPLETED").at("/input/name").asText()).isEqualTo("Cy");
    }

    @Test
    void aRepeatedIdempotencyKeyReturnsTheFirstSagaAndStartsNothingNew() {
        String first = startSaga("""
                {"definition": "greeting", "input": {"name": "Di"}, "idempotencyKey": "signup-42"}""");
        String repeated = startSaga("""
                {"definition": "greeting", "input": {"name": "Someone else"}, "idempotencyKey": "signup-42"}""");
        String other = startSaga("""
                {"definition": "greeting", "input": {"name": "Di"}, "idempotencyKey": "signup-43"}""");

        assertThat(repeated).isEqualTo(first);
        assertThat(other).isNotEqualTo(first);
        JsonNode saga = awaitStatus(first, "COMPLETED");
        await().atMost(Duration.ofSeconds(30)).until(() -> texts(rest.get("/sagas/" + first + "/history").json(),
                "type").contains("INPUT_IGNORED"));
        assertThat(saga.at("/input/name").asText()).isEqualTo("Di");
        awaitStatus(other, "COMPLETED");
        assertThat(fixture.participants().trace(first)).containsExactly("greet");
        assertThat(rest.get("/sagas/" + first).json().get("createdAt")).isEqualTo(saga.get("createdAt"));
    }

    Stream<Arguments> invalidStarts() {
        return Stream.of(
                Arguments.of("{\"input\": {}}", List.of("definition")),
                Arguments.of("{\"definition\": \"no-such-saga\", \"input\": {}}", List.of("definition")),
                Arguments.of("{\"definition\": \"greeting\", \"version\": 9}", List.of("definition")),
                Arguments.of("{\"definition\": \"greeting\", \"version\": 0}", List.of("version")),
                Arguments.of("{\"definition\": \"greeting\", \"input\": [1, 2]}", List.of("input")),
                Arguments.of("{\"definition\": \"greeting\", \"input\": \"Ann\"}", List.of("input")),
                Arguments.of("{\"definition\": \"greeting\", \"input\": {}, \"colour\": \"red\"}", List.of("colour")),
                Arguments.of("{\"definition\": \"greeting\", \"sagaId\": \"a\", \"idempotencyKey\": \"b\"}",
                        List.of("idempotencyKey")),
                Arguments.of("{\"definition\": \"no-such-saga\", \"input\": 3, \"colour\": 1, \"sagaId\": \"a\", "
                        + "\"idempotencyKey\": \"b\"}", List.of("colour", "definition", "input", "idempotencyKey")),
                Arguments.of("{\"definition\": ", List.of("body")),
                Arguments.of("[]", List.of("body")));
    }

    @ParameterizedTest
    @MethodSource("invalidStarts")
    void anInvalidStartRequestNamesEveryProblem(String body, List<String> places) {
        RestClient.Reply reply = rest.post("/sagas", body);

        assertThat(reply.status()).as("%s", reply).isEqualTo(400);
        assertThat(places(reply)).containsExactlyInAnyOrderElementsOf(places);
        assertThat(reply.json().get("problems")).allSatisfy(p -> assertThat(p.get("message").asText()).isNotBlank());
    }

    @Test
    void anUnknownSagaIsNotFound() {
        for (String path : List.of("/sagas/no-such-saga", "/sagas/no-such-saga/history")) {
            RestClient.Reply reply = rest.get(path);
            assertThat(reply.status()).as(path).isEqualTo(404);
            assertThat(reply.json().get("error").asText()).contains("no-such-saga");
        }
        for (String action : List.of("cancel", "pause", "resume", "retry")) {
            assertThat(rest.post("/sagas/no-such-saga/" + action).status()).as(action).isEqualTo(404);
        }
    }

    @Test
    void anUnknownActionIsNotFound() {
        String id = startSaga("{\"definition\": \"greeting\", \"input\": {\"name\": \"Ed\"}}");
        awaitStatus(id, "COMPLETED");

        RestClient.Reply reply = rest.post("/sagas/" + id + "/explode");

        assertThat(reply.status()).isEqualTo(404);
        assertThat(reply.json().get("error").asText()).contains("explode", "cancel, pause, resume, retry, resend or restart");
    }

    @Test
    void aControlRequestWithAMalformedBodyIsRefusedSayingWhy() {
        String id = startSaga("{\"definition\": \"greeting\", \"input\": {\"name\": \"Flo\"}}");
        awaitStatus(id, "COMPLETED");

        RestClient.Reply notJson = rest.post("/sagas/" + id + "/cancel", "{reason: oops");
        RestClient.Reply wrongShape = rest.post("/sagas/" + id + "/cancel", "{\"reason\": 42}");

        assertThat(notJson.status()).isEqualTo(400);
        assertThat(notJson.json().at("/problems/0/message").asText()).contains("not valid JSON");
        assertThat(wrongShape.status()).isEqualTo(400);
        assertThat(wrongShape.json().at("/problems/0/place").asText()).isEqualTo("body");
    }

    @Test
    void sagasAreListedByDefinitionStatusAndLimit() {
        define("""
                {"name": "listed", "version": 1, "steps": [{"id": "a", "participant": "svc", "command": "A"}]}""");
        define("""
                {"name": "listed-failing", "version": 1, "steps": [{"id": "a", "participant": "svc", "command": "FailA"}]}""");
        List<String> completing = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            completing.add(startSaga("{\"definition\": \"listed\"}"));
        }
        String failing = startSaga("{\"definition\": \"listed-failing\"}");
        completing.forEach(id -> awaitStatus(id, "COMPLETED"));
        awaitStatus(failing, "COMPENSATED");

        JsonNode listed = rest.get("/sagas?definition=listed").json();
        JsonNode completed = rest.get("/sagas?definition=listed&status=completed").json();
        JsonNode compensated = rest.get("/sagas?definition=listed-failing&status=COMPENSATED").json();
        JsonNode none = rest.get("/sagas?definition=listed&status=FAILED").json();
        JsonNode two = rest.get("/sagas?definition=listed&limit=2").json();
        JsonNode everything = rest.get("/sagas?limit=10000").json();
        RestClient.Reply badLimit = rest.get("/sagas?limit=0");

        assertThat(texts(listed, "sagaId")).containsExactlyInAnyOrderElementsOf(completing);
        assertThat(texts(completed, "sagaId")).containsExactlyInAnyOrderElementsOf(completing);
        assertThat(texts(compensated, "sagaId")).containsExactly(failing);
        assertThat(none).isEmpty();
        assertThat(texts(two, "sagaId")).hasSize(2).isSubsetOf(completing);
        assertThat(texts(everything, "sagaId")).contains(failing).containsAll(completing);
        assertThat(listed).allSatisfy(s -> assertThat(s.has("steps") && s.has("createdAt")).isTrue());
        assertThat(badLimit.status()).isEqualTo(400);
        assertThat(places(badLimit)).containsExactly("limit");
    }

    // --- control ---

    @Test
    void pauseHoldsASagaAndResumeContinuesIt() {
        define("""
                {"name": "pausable", "version": 1, "steps": [
                  {"id": "cool", "type": "wait", "duration": "2s"},
                  {"id": "a", "participant": "svc", "command": "A"}
                ]}""");
        String id = startSaga("{\"definition\": \"pausable\"}");
        awaitStatus(id, "RUNNING");

        RestClient.Reply paused = rest.post("/sagas/" + id + "/pause");

        assertThat(paused.status()).as("%s", paused).isEqualTo(202);
        assertThat(paused.json()).isEqualTo(json("{\"sagaId\":\"" + id + "\",\"action\":\"PAUSE\"}"));
        awaitStatus(id, "PAUSED");
        JsonNode held = awaitSaga(id, s -> s.at("/steps/0/status").asText().equals("COMPLETED"));
        assertThat(held.get("status").asText()).isEqualTo("PAUSED");
        assertThat(held.at("/steps/1/status").asText()).isEqualTo("PENDING");
        assertThat(fixture.participants().trace(id)).isEmpty();

        RestClient.Reply resumed = rest.post("/sagas/" + id + "/resume", "{\"reason\": \"checked by ops\"}");

        assertThat(resumed.status()).as("%s", resumed).isEqualTo(202);
        awaitStatus(id, "COMPLETED");
        assertThat(fixture.participants().trace(id)).containsExactly("a");
    }

    @Test
    void cancelCompensatesCompletedSteps() {
        define("""
                {"name": "cancellable", "version": 1, "steps": [
                  {"id": "a", "participant": "svc", "command": "A", "compensation": {"participant": "svc", "command": "UndoA"}},
                  {"id": "hold", "type": "event", "event": "Go"}
                ]}""");
        String id = startSaga("{\"definition\": \"cancellable\"}");
        awaitSaga(id, s -> s.at("/steps/1/status").asText().equals("WAITING"));

        RestClient.Reply cancelled = rest.post("/sagas/" + id + "/cancel",
                "{\"reason\": \"customer changed their mind\"}");

        assertThat(cancelled.status()).as("%s", cancelled).isEqualTo(202);
        awaitStatus(id, "COMPENSATED");
        assertThat(fixture.participants().trace(id)).containsExactly("a", "a:undo");
        assertThat(rest.get("/sagas/" + id + "/history").text()).contains("customer changed their mind");
    }

    @Test
    void retryRunsAFailedSagaAgain() {
        define("""
                {"name": "retryable", "version": 1, "onFailure": "fail", "steps": [
                  {"id": "charge", "participant": "payments", "command": "FailOnceCharge"}
                ]}""");
        String id = startSaga("{\"definition\": \"retryable\"}");
        JsonNode failed = awaitStatus(id, "FAILED");
        assertThat(failed.at("/steps/0/error").asText()).contains("refused once");

        RestClient.Reply retried = rest.post("/sagas/" + id + "/retry");

        assertThat(retried.status()).as("%s", retried).isEqualTo(202);
        JsonNode done = awaitStatus(id, "COMPLETED");
        assertThat(done.at("/steps/0/attempts").asInt()).isEqualTo(2);
        assertThat(fixture.participants().trace(id)).containsExactly("charge", "charge");
    }

    // --- operations and settings ---

    @Test
    void aSagaStuckOnALostCommandIsListedAndResendCompletesIt() {
        define("""
                {"name": "lossy", "version": 1, "steps": [
                  {"id": "call", "participant": "greeter", "command": "LoseOnceHello"}
                ]}""");
        String id = startSaga("{\"definition\": \"lossy\", \"input\": {}}");

        JsonNode stuck = await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200)).until(() -> {
            RestClient.Reply reply = rest.get("/sagas/stuck?olderThan=1s&limit=1000");
            assertThat(reply.status()).as("%s", reply).isEqualTo(200);
            return StreamSupport.stream(reply.json().spliterator(), false)
                    .filter(s -> s.get("sagaId").asText().equals(id)).findFirst().orElse(null);
        }, java.util.Objects::nonNull);
        assertThat(stuck.get("steps").toString()).isEqualTo("[\"call\"]");
        assertThat(stuck.get("status").asText()).isEqualTo("RUNNING");

        RestClient.Reply resend = rest.post("/sagas/" + id + "/resend");

        assertThat(resend.status()).as("%s", resend).isEqualTo(202);
        awaitStatus(id, "COMPLETED");
        assertThat(fixture.participants().seen()).filteredOn(c -> c.getSagaId().equals(id))
                .extracting(SagaCommand::getCommandId).containsExactly(id + ":call:1:action", id + ":call:1:action");
        assertThat(rest.get("/sagas/" + id + "/history").text()).contains("COMMAND_RESENT");
    }

    @Test
    void aStuckQueryWithABadThresholdIsRefused() {
        RestClient.Reply reply = rest.get("/sagas/stuck?olderThan=soon");

        assertThat(reply.status()).isEqualTo(400);
        assertThat(places(reply)).containsExactly("olderThan");
    }

    @Test
    void healthIsUpAndMetricsArePrometheusText() {
        RestClient.Reply health = rest.get("/health");
        RestClient.Reply metrics = rest.get("/metrics");

        assertThat(health.status()).isEqualTo(200);
        assertThat(health.json().get("status").asText()).isEqualTo("UP");
        assertThat(metrics.status()).isEqualTo(200);
        assertThat(metrics.header("Content-Type").orElse("")).startsWith("text/plain");
        assertThat(metrics.text()).contains("# TYPE kafka_stream_", "kafka_stream_thread_");
        String id = startSaga("{\"definition\": \"greeting\", \"input\": {\"name\": \"Metric\"}}");
        awaitStatus(id, "COMPLETED");
        assertThat(rest.get("/metrics").text()).contains("skald_sagas_started_total{definition=\"greeting\"",
                "skald_sagas_ended_total{definition=\"greeting\",status=\"COMPLETED\"",
                "skald_step_duration_seconds_count{definition=\"greeting\",kind=\"action\",outcome=\"COMPLETED\","
                        + "step=\"greet\"", "skald_timers_pending", "skald_streams_running 1.0");
    }

    @Test
    void kafkaClientSettingsPassThroughWithTheirKafkaNames() {
        Map<String, String> kafkaSettings = fixture.app().orchestrator().config().kafka();

        assertThat(kafkaSettings).containsEntry("reconnect.backoff.max.ms", "2000")
                .containsEntry("metadata.max.age.ms", "60000");
        assertThat(fixture.app().orchestrator().config().streamsProperties())
                .containsEntry("reconnect.backoff.max.ms", "2000");
    }

    private static JsonNode json(String text) {
        try {
            return dev.skald.saga.json.Json.mapper().readTree(text);
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }
}
