package dev.skald.orchestrator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.skald.avro.CommandKind;
import dev.skald.avro.SagaCommand;
import dev.skald.orchestrator.TestParticipants.Answer;
import dev.skald.saga.format.SagaDocuments;
import dev.skald.saga.json.Json;
import dev.skald.saga.machine.SagaStatus;
import dev.skald.saga.machine.StepStatus;
import dev.skald.testkit.EmbeddedKafka;
import java.io.IOException;
import java.nio.file.Files;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Map steps on a real broker: every element's command reaches the participant with its own id and the outputs come
 * back joined in order; an element that fails compensates the completed elements in reverse, then the earlier step.
 * The saga state, with its elements, goes through the store's Avro codec at every input.
 */
@Tag("kafka")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class MapStepIT {
    private EmbeddedKafka kafka;
    private Orchestrator orchestrator;
    private TestParticipants participants;

    @BeforeAll
    void start() throws IOException {
        kafka = EmbeddedKafka.start();
        OrchestratorConfig config = OrchestratorConfig.builder(kafka.bootstrapServers())
                .applicationId("map-step-it").schemaRegistryUrl("mock://map-step-it").partitions(2)
                .stateDir(Files.createTempDirectory("map-step-it")).commitInterval(Duration.ofMillis(50))
                .timerInterval(Duration.ofMillis(50)).build();
        orchestrator = Orchestrator.start(config);
        participants = new TestParticipants(config, MapStepIT::answer);
        orchestrator.apply(SagaDocuments.fromJson("""
                {"name": "pricing", "version": 1, "steps": [
                  {"id": "reserve", "participant": "inventory", "command": "Reserve",
                   "compensation": {"participant": "inventory", "command": "Release"}},
                  {"id": "lines", "type": "map", "items": "${input.lines}", "concurrency": 2,
                   "participant": "pricing", "command": "PriceLine",
                   "input": {"sku": "${item.sku}", "at": "${index}"},
                   "compensation": {"participant": "pricing", "command": "Unprice",
                                    "input": {"sku": "${item.sku}", "price": "${lines.output.price}"}}},
                  {"id": "ship", "participant": "shipping", "command": "Ship",
                   "input": {"prices": "${lines.output}"}}]}"""));
    }

    /** Prices a line at ten times its position, refuses sku "bad", and says yes to everything else. */
    private static Answer answer(SagaCommand command) {
        if (!command.getCommandType().equals("PriceLine")) {
            return Answer.ok("{}");
        }
        JsonNode payload = parse(command.getPayload());
        return payload.get("sku").asText().equals("bad") ? Answer.fail("unknown sku")
                : Answer.ok("{\"price\": " + payload.get("at").asInt() * 10 + "}");
    }

    private static JsonNode parse(String json) {
        try {
            return Json.mapper().readTree(json);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @AfterAll
    void stop() throws InterruptedException {
        if (participants != null) {
            participants.close();
        }
        if (orchestrator != null) {
            orchestrator.close();
        }
        if (kafka != null) {
            kafka.close();
        }
    }

    private SagaStatus awaitEnd(String sagaId) {
        return await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(100))
                .until(() -> orchestrator.queries().saga(sagaId).map(SagaView::status).orElse(null),
                        s -> s != null && s.isTerminal());
    }

    private static Map<String, Object> lines(String... skus) {
        return Map.of("lines", java.util.Arrays.stream(skus).map(sku -> Map.of("sku", sku)).toList());
    }

    private List<SagaCommand> commands(String sagaId, String commandType) {
        return participants.seen().stream()
                .filter(c -> c.getSagaId().equals(sagaId) && c.getCommandType().equals(commandType)).toList();
    }

    @Test
    void aMapSagaCompletesWithTheElementOutputsJoinedInOrder() {
        orchestrator.startSaga(StartRequest.of("pricing", lines("a", "b", "c", "d", "e")).sagaId("map-ok"));

        assertThat(awaitEnd("map-ok")).isEqualTo(SagaStatus.COMPLETED);
        JsonNode prices = orchestrator.queries().saga("map-ok").orElseThrow().step("lines").orElseThrow().output();
        assertThat(prices.toString()).isEqualTo(
                "[{\"price\":0},{\"price\":10},{\"price\":20},{\"price\":30},{\"price\":40}]");
        assertThat(commands("map-ok", "PriceLine")).extracting(SagaCommand::getCommandId).containsExactlyInAnyOrder(
                "map-ok:lines:1:action", "map-ok:lines:2:action", "map-ok:lines:3:action", "map-ok:lines:4:action",
                "map-ok:lines:5:action");
        assertThat(commands("map-ok", "Ship")).singleElement()
                .satisfies(ship -> assertThat(parse(ship.getPayload()).get("prices")).isEqualTo(prices));
    }

    @Test
    void aFailedElementCompensatesTheCompletedElementsInReverseAndThenTheEarlierStep() {
        orchestrator.startSaga(StartRequest.of("pricing", lines("a", "b", "bad")).sagaId("map-bad"));

        assertThat(awaitEnd("map-bad")).isEqualTo(SagaStatus.COMPENSATED);
        assertThat(commands("map-bad", "Unprice")).extracting(c -> parse(c.getPayload()).get("sku").asText())
                .containsExactly("b", "a");
        assertThat(commands("map-bad", "Unprice")).allMatch(c -> c.getKind() == CommandKind.COMPENSATION);
        assertThat(participants.trace("map-bad")).endsWith("reserve:undo");
        assertThat(commands("map-bad", "Ship")).isEmpty();
        StepView lines = orchestrator.queries().saga("map-bad").orElseThrow().step("lines").orElseThrow();
        assertThat(lines.elements()).extracting(ElementView::index, ElementView::status).containsExactly(
                tuple(0, StepStatus.COMPENSATED), tuple(1, StepStatus.COMPENSATED), tuple(2, StepStatus.FAILED));
        assertThat(lines.elements().get(0).output().toString()).isEqualTo("{\"price\":0}");
        assertThat(lines.toJson().get("elements")).hasSize(3);
    }
}
