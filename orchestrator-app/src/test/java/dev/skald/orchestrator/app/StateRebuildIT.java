package dev.skald.orchestrator.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.skald.avro.SagaCommand;
import dev.skald.orchestrator.TestParticipants.Answer;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Predicate;
import java.util.stream.IntStream;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * State is a fold of inputs: an instance whose state directory is deleted rebuilds every saga from the topics and
 * answers exactly as before, saga by saga, and the sagas that were waiting then finish, once.
 */
@Tag("kafka")
class StateRebuildIT {
    private static final String APPLICATION = "state-rebuild-it";
    private static final String DEFINITION = """
            {"name": "rebuild", "version": 1, "steps": [
              {"id": "reserve", "participant": "stock", "command": "Reserve",
               "compensation": {"participant": "stock", "command": "Release"}},
              {"id": "charge", "participant": "stock", "command": "Charge", "input": {"total": "${input.total}"}}
            ]}""";
    private static final int EACH = 4;
    private static final Duration PATIENCE = Duration.ofSeconds(90);

    private static final Map<String, Object> SETTINGS = Map.of("skald.partitions", 3,
            "skald.kafka.session.timeout.ms", "6000");

    private final Map<String, SagaCommand> held = new ConcurrentHashMap<>();
    private AppFixture fixture;

    @AfterEach
    void stop() {
        if (fixture != null) {
            fixture.close();
        }
    }

    /** Sagas {@code ok-*} complete, {@code fail-*} are refused their charge and compensate, {@code hold-*} wait. */
    private Answer script(SagaCommand command) {
        String saga = command.getSagaId();
        if (command.getStepId().equals("charge") && saga.startsWith("fail-")) {
            return Answer.fail("card declined");
        }
        if (command.getStepId().equals("charge") && saga.startsWith("hold-")) {
            held.put(saga, command);
            return null;
        }
        return Answer.ok("{\"by\": \"" + command.getCommandType() + "\"}");
    }

    @Test
    void anInstanceWithoutItsStateDirectoryAnswersAsBeforeAndFinishesTheWaitingSagasOnce() {
        fixture = AppFixture.start(APPLICATION, SETTINGS, this::script);
        RestClient rest = fixture.rest();
        assertThat(rest.post("/definitions", DEFINITION).status()).isEqualTo(201);

        List<String> ids = new ArrayList<>();
        for (String kind : List.of("ok", "fail", "hold")) {
            IntStream.range(0, EACH).forEach(i -> ids.add(kind + "-" + i));
        }
        ids.forEach(id -> assertThat(rest.post("/sagas", "{\"definition\": \"rebuild\", \"sagaId\": \"" + id
                + "\", \"input\": {\"total\": " + id.length() + "}}").status()).isEqualTo(202));
        ids.stream().filter(id -> id.startsWith("ok-")).forEach(id -> awaitSaga(rest, id, status("COMPLETED")));
        ids.stream().filter(id -> id.startsWith("fail-")).forEach(id -> awaitSaga(rest, id, status("COMPENSATED")));
        ids.stream().filter(id -> id.startsWith("hold-")).forEach(id -> awaitSaga(rest, id, chargeRunning()));
        await().atMost(PATIENCE).until(() -> held.size() == EACH);
        Map<String, String> before = answers(rest, ids);

        Path oldStateDir = fixture.app().stateDir();
        fixture.app().orchestrator().streams().close(Duration.ofSeconds(30));
        RestClient.Reply down = rest.get("/health");
        assertThat(down.status()).as("%s", down).isEqualTo(503);
        assertThat(down.json().get("status").asText()).isEqualTo("DOWN");
        assertThat(down.json().get("streams").asText()).isEqualTo("NOT_RUNNING");
        fixture.app().close();
        assertThat(oldStateDir).doesNotExist();

        fixture.restartApp();
        RestClient restarted = fixture.rest();
        assertThat(fixture.app().stateDir()).isNotEqualTo(oldStateDir);
        await().atMost(PATIENCE).pollInterval(Duration.ofMillis(200))
                .until(() -> restarted.get("/health/ready").status() == 200);
        for (String id : ids) {
            String saga = awaitSaga(restarted, id, s -> true).toString();
            String history = restarted.get("/sagas/" + id + "/history").json().toString();
            assertThat(saga).as("GET /sagas/%s after the rebuild", id).isEqualTo(before.get("saga " + id));
            assertThat(history).as("GET /sagas/%s/history after the rebuild", id)
                    .isEqualTo(before.get("history " + id));
        }

        held.values().forEach(command -> fixture.participants().answerLater(command, Answer.ok("{\"charged\": true}")));
        for (String id : ids.stream().filter(id -> id.startsWith("hold-")).toList()) {
            awaitSaga(restarted, id, status("COMPLETED"));
            assertThat(fixture.participants().trace(id)).containsExactly("reserve", "charge");
            JsonNode history = restarted.get("/sagas/" + id + "/history").json();
            assertThat(StreamSupport.stream(history.spliterator(), false)
                    .filter(e -> e.path("to").asText().equals("COMPLETED") && e.path("stepId").isNull()))
                    .as("saga %s completed once: %s", id, history).hasSize(1);
        }
        assertThat(fixture.participants().deliveries().values()).as("every command delivered once").containsOnly(1);
    }

    /** Every saga's {@code GET /sagas/{id}} and {@code /history} body, by "saga id" and "history id". */
    private static Map<String, String> answers(RestClient rest, List<String> ids) {
        Map<String, String> answers = new LinkedHashMap<>();
        for (String id : ids) {
            RestClient.Reply saga = rest.get("/sagas/" + id);
            RestClient.Reply history = rest.get("/sagas/" + id + "/history");
            assertThat(saga.status()).as("%s", saga).isEqualTo(200);
            assertThat(history.status()).as("%s", history).isEqualTo(200);
            answers.put("saga " + id, saga.json().toString());
            answers.put("history " + id, history.json().toString());
        }
        return answers;
    }

    private static JsonNode awaitSaga(RestClient rest, String sagaId, Predicate<JsonNode> condition) {
        return await().atMost(PATIENCE).pollInterval(Duration.ofMillis(100)).until(() -> {
            RestClient.Reply reply = rest.get("/sagas/" + sagaId);
            return reply.status() == 200 ? reply.json() : null;
        }, saga -> saga != null && condition.test(saga));
    }

    private static Predicate<JsonNode> status(String status) {
        return saga -> saga.get("status").asText().equals(status);
    }

    private static Predicate<JsonNode> chargeRunning() {
        return saga -> StreamSupport.stream(saga.get("steps").spliterator(), false)
                .anyMatch(step -> step.get("id").asText().equals("charge")
                        && step.get("status").asText().equals("RUNNING"));
    }
}
