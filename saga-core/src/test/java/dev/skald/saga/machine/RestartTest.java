package dev.skald.saga.machine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.skald.saga.definition.Saga;
import dev.skald.saga.definition.SagaDefinition;
import dev.skald.saga.testing.SagaScenario;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** RESTART runs an ended saga again from its first step, with new command ids; a live saga is not restarted. */
class RestartTest {
    private static final SagaDefinition ORDER = Saga.named("order").version(1)
            .step("reserve").call("inventory", "Reserve").compensateWith("inventory", "Release")
            .step("charge").call("payment", "Charge")
            .build();

    private static Command only(SagaScenario scenario) {
        assertThat(scenario.lastCommands()).hasSize(1);
        return scenario.lastCommands().get(0);
    }

    @Test
    void aCompletedSagaRunsAgainFromItsFirstStepUnderNewCommandIds() {
        SagaScenario scenario = SagaScenario.given(ORDER).started("o-1", Map.of())
                .when().step("reserve").succeeds(Map.of("r", 1))
                .when().step("charge").succeeds(Map.of("c", 1))
                .expectStatus(SagaStatus.COMPLETED)
                .when().restarted()
                .expectStatus(SagaStatus.RUNNING)
                .expectStep("charge", StepStatus.PENDING)
                .expectCommand("inventory", "Reserve");

        assertThat(only(scenario).commandId()).isEqualTo("o-1:reserve:2:action");
        scenario.when().step("reserve").succeeds(Map.of("r", 2))
                .when().step("charge").succeeds(Map.of("c", 2))
                .expectStatus(SagaStatus.COMPLETED)
                .expectOutput(Map.of("reserve", Map.of("r", 2), "charge", Map.of("c", 2)));
    }

    @Test
    void aCompensatedSagaRestartsAndItsRetriesCountFromOneAgain() {
        SagaScenario scenario = SagaScenario.given(ORDER).started("o-2", Map.of())
                .when().step("reserve").succeeds()
                .when().step("charge").failsWith("declined")
                .when().compensationOf("reserve").succeeds()
                .expectStatus(SagaStatus.COMPENSATED)
                .when().restarted()
                .expectCommand("inventory", "Reserve")
                .when().step("reserve").succeeds()
                .expectCommand("payment", "Charge");

        assertThat(only(scenario).commandId()).isEqualTo("o-2:charge:2:action");
        assertThat(scenario.state().error()).isNull();
    }

    @Test
    void aRunningSagaIsNotRestarted() {
        SagaScenario.given(ORDER).started("o-3", Map.of())
                .when().restarted()
                .expectNoCommands()
                .expectStatus(SagaStatus.RUNNING)
                .expectStep("reserve", StepStatus.RUNNING);
    }
}
