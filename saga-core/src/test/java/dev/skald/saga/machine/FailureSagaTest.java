package dev.skald.saga.machine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.skald.saga.definition.SagaDefinition;
import dev.skald.saga.format.ConductorWorkflows;
import dev.skald.saga.format.SagaDocuments;
import dev.skald.saga.testing.SagaScenario;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A definition's failure saga starts once per failure, with Conductor's failure input, and not after a cancel. */
class FailureSagaTest {
    private static final String ORDER = """
            {"name": "order", "version": 2, "timeout": "1h", "failureSaga": "order_cleanup", "steps": [
              {"id": "reserve", "participant": "inventory", "command": "Reserve",
               "compensation": {"participant": "inventory", "command": "Release"}},
              {"id": "charge", "participant": "payment", "command": "Charge"}]}""";

    @Test
    void aFailedSagaStartsItsFailureSagaOnceWithTheFailureInput() {
        SagaScenario scenario = SagaScenario.given(SagaDocuments.fromJson(ORDER))
                .started("o-1", Map.of("orderId", "o-1"), "corr-1")
                .when().step("reserve").succeeds()
                .when().step("charge").failsWith("card declined")
                .expectStatus(SagaStatus.COMPENSATING);
        assertThat(starts(scenario)).isEmpty();

        scenario.when().compensationOf("reserve").succeeds().expectStatus(SagaStatus.COMPENSATED);
        Command.StartSaga start = starts(scenario).get(0);
        assertThat(start.definition()).isEqualTo("order_cleanup");
        assertThat(start.startedSagaId()).isEqualTo(FailureSagas.startedSagaId("o-1", 0));
        assertThat(start.correlationKey()).isEqualTo("corr-1");
        assertThat(start.commandId()).isEqualTo("o-1:failure:0:action");
        assertThat(start.input().get("orderId").textValue()).isEqualTo("o-1");
        assertThat(start.input().get(FailureSagas.WORKFLOW_ID).textValue()).isEqualTo("o-1");
        assertThat(start.input().get(FailureSagas.REASON).textValue()).contains("card declined");
        assertThat(start.input().get(FailureSagas.FAILURE_STATUS).textValue()).isEqualTo("FAILED");
        assertThat(start.input().get(FailureSagas.FAILURE_TASK_ID).textValue()).isEqualTo("o-1:charge:1:action");
        assertThat(start.input().get(FailureSagas.SAGA_STATUS).textValue()).isEqualTo("COMPENSATED");
        assertThat(start.input().get(FailureSagas.VERSION).intValue()).isEqualTo(2);
    }

    @Test
    void aSagaThatTimesOutSaysTimedOut() {
        SagaScenario scenario = SagaScenario.given(ConductorWorkflows.fromJson("""
                {"name": "slow", "timeoutSeconds": 60, "failureWorkflow": "slow_cleanup",
                 "tasks": [{"name": "work", "taskReferenceName": "work"}]}"""))
                .started("s-1", Map.of())
                .when().timePasses(Duration.ofSeconds(61))
                .expectStatus(SagaStatus.FAILED);

        Command.StartSaga start = starts(scenario).get(0);
        assertThat(start.definition()).isEqualTo("slow_cleanup");
        assertThat(start.input().get(FailureSagas.FAILURE_STATUS).textValue()).isEqualTo("TIMED_OUT");
        assertThat(start.input().has(FailureSagas.FAILURE_TASK_ID)).isFalse();
    }

    @Test
    void aCancelledSagaStartsNoFailureSagaAndACompletedOneNone() {
        SagaScenario cancelled = SagaScenario.given(SagaDocuments.fromJson(ORDER))
                .started("o-2", Map.of())
                .when().cancelled()
                .when().step("reserve").succeeds()
                .when().compensationOf("reserve").succeeds()
                .expectStatus(SagaStatus.COMPENSATED);
        assertThat(starts(cancelled)).isEmpty();

        SagaScenario completed = SagaScenario.given(SagaDocuments.fromJson(ORDER)).started("o-3", Map.of())
                .when().step("reserve").succeeds()
                .when().step("charge").succeeds()
                .expectStatus(SagaStatus.COMPLETED);
        assertThat(starts(completed)).isEmpty();
    }

    @Test
    void aRetriedSagaThatFailsAgainStartsAnotherUnderItsNewRound() {
        SagaDefinition plain = SagaDocuments.fromJson("""
                {"name": "plain", "version": 1, "onFailure": "fail", "failureSaga": "cleanup",
                 "steps": [{"id": "a", "participant": "p", "command": "A"}]}""");
        SagaScenario scenario = SagaScenario.given(plain).started("p-1", Map.of())
                .when().step("a").failsWith("no").expectStatus(SagaStatus.FAILED);
        assertThat(starts(scenario)).extracting(Command.StartSaga::startedSagaId)
                .containsExactly(FailureSagas.startedSagaId("p-1", 0));

        scenario.when().retried().when().step("a").failsWith("still no").expectStatus(SagaStatus.FAILED);
        assertThat(starts(scenario)).extracting(Command.StartSaga::startedSagaId)
                .containsExactly(FailureSagas.startedSagaId("p-1", 1));
        assertThat(FailureSagas.startedSagaId("p-1", 0)).isNotEqualTo(FailureSagas.startedSagaId("p-1", 1));
    }

    @Test
    void theFailureSagaReadsWritesAndReadsBackEqual() {
        SagaDefinition order = SagaDocuments.fromJson(ORDER);

        assertThat(order.failureSagaIfAny()).contains("order_cleanup");
        assertThat(SagaDocuments.fromJson(SagaDocuments.toJson(order))).isEqualTo(order);
    }

    private static List<Command.StartSaga> starts(SagaScenario scenario) {
        return scenario.lastCommands().stream().filter(Command.StartSaga.class::isInstance)
                .map(Command.StartSaga.class::cast).toList();
    }
}
