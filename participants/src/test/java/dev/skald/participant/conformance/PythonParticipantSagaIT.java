package dev.skald.participant.conformance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.skald.orchestrator.Orchestrator;
import dev.skald.orchestrator.OrchestratorConfig;
import dev.skald.orchestrator.SagaView;
import dev.skald.orchestrator.StartRequest;
import dev.skald.saga.format.SagaDocuments;
import dev.skald.saga.machine.SagaStatus;
import dev.skald.saga.machine.StepStatus;
import dev.skald.testkit.EmbeddedKafka;
import dev.skald.testkit.WithKafka;
import java.io.IOException;
import java.nio.file.Files;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The orchestrator runs sagas whose every step, compensation included, is handled by the Python participant of
 * {@code examples/python/skald_participant.py} over the JSON encoding: one completes, one is refused and compensated.
 */
@Tag("kafka")
@WithKafka
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PythonParticipantSagaIT {
    private static final String PARTICIPANT = "py";
    private Orchestrator orchestrator;
    private PythonParticipant python;

    @BeforeAll
    void start(EmbeddedKafka kafka) throws IOException {
        OrchestratorConfig config = OrchestratorConfig.builder(kafka.bootstrapServers())
                .applicationId("python-saga-it").schemaRegistryUrl("mock://python-saga-it").partitions(2)
                .stateDir(Files.createTempDirectory("python-saga-it")).commitInterval(Duration.ofMillis(50))
                .jsonParticipants(Set.of(PARTICIPANT)).build();
        orchestrator = Orchestrator.start(config);
        orchestrator.apply(SagaDocuments.fromJson(definition("py-order", "Echo")));
        orchestrator.apply(SagaDocuments.fromJson(definition("py-refused", "Refuse")));
        python = PythonParticipant.start(List.of("--bootstrap-servers", kafka.bootstrapServers(),
                "--participant", PARTICIPANT, "--partitions", "2", "--verbose"));
    }

    /** Reserve (undone by Count), then charge with {@code chargeCommand}. */
    private static String definition(String name, String chargeCommand) {
        return """
                {"name": "%s", "version": 1, "steps": [
                  {"id": "reserve", "participant": "py", "command": "Echo", "input": {"sku": "${input.sku}"},
                   "compensation": {"participant": "py", "command": "Count", "input": {"sku": "${input.sku}"}}},
                  {"id": "charge", "participant": "py", "command": "%s",
                   "input": {"sku": "${reserve.output.sku}", "reason": "card declined"}}]}"""
                .formatted(name, chargeCommand);
    }

    @AfterAll
    void stop() {
        if (python != null) {
            python.close();
        }
        if (orchestrator != null) {
            orchestrator.close();
        }
    }

    @Test
    void aSagaOfPythonStepsCompletes() {
        orchestrator.startSaga(StartRequest.of("py-order", Map.of("sku", "A-1")).sagaId("py-1"));

        SagaView saga = awaitEnd("py-1");

        assertThat(saga.status()).isEqualTo(SagaStatus.COMPLETED);
        assertThat(saga.step("reserve").orElseThrow().output().toString()).isEqualTo("{\"sku\":\"A-1\"}");
        assertThat(saga.step("charge").orElseThrow().output().toString())
                .isEqualTo("{\"sku\":\"A-1\",\"reason\":\"card declined\"}");
    }

    @Test
    void aRefusedStepIsCompensatedByPython() {
        orchestrator.startSaga(StartRequest.of("py-refused", Map.of("sku", "B-2")).sagaId("py-2"));

        SagaView saga = awaitEnd("py-2");

        assertThat(saga.status()).isEqualTo(SagaStatus.COMPENSATED);
        assertThat(saga.step("charge").orElseThrow().status()).isEqualTo(StepStatus.FAILED);
        assertThat(saga.step("charge").orElseThrow().error()).contains("refused: card declined");
        assertThat(saga.step("reserve").orElseThrow().status()).isEqualTo(StepStatus.COMPENSATED);
    }

    private SagaView awaitEnd(String sagaId) {
        return await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(100))
                .until(() -> orchestrator.queries().saga(sagaId).orElse(null),
                        s -> s != null && s.status().isTerminal());
    }
}
