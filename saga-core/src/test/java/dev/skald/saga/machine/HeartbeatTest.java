package dev.skald.saga.machine;

import dev.skald.saga.definition.Saga;
import dev.skald.saga.definition.SagaDefinition;
import dev.skald.saga.testing.SagaScenario;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** An IN_PROGRESS reply (a long-running task's heartbeat) restarts the attempt's response timeout and nothing else. */
class HeartbeatTest {
    private static final SagaDefinition SLOW = Saga.named("slow").version(1)
            .step("summarize").call("llm", "Summarize").responseTimeout(Duration.ofSeconds(30))
            .compensateWith("llm", "Forget")
            .step("send").call("mail", "Send")
            .build();

    @Test
    void heartbeatsKeepAnAttemptAlivePastItsResponseTimeoutUntilItsOutcomeArrives() {
        SagaScenario.given(SLOW).started("s-1", Map.of())
                .expectCommand("llm", "Summarize")
                .when().timePasses(Duration.ofSeconds(20))
                .when().step("summarize").isStillRunning()
                .expectNoCommands()
                .when().timePasses(Duration.ofSeconds(20))
                .expectStep("summarize", StepStatus.RUNNING)
                .when().step("summarize").isStillRunning()
                .when().timePasses(Duration.ofSeconds(29))
                .expectStep("summarize", StepStatus.RUNNING)
                .when().step("summarize").succeeds(Map.of("summary", "short"))
                .expectCommand("mail", "Send");
    }

    @Test
    void withoutAnotherHeartbeatTheResponseTimeoutStillFiresAndTheStepIsRetried() {
        SagaScenario scenario = SagaScenario.given(SLOW).started("s-2", Map.of())
                .when().step("summarize").isStillRunning()
                .when().timePasses(Duration.ofSeconds(32))
                .expectCommand("llm", "Summarize");
        org.assertj.core.api.Assertions.assertThat(scenario.lastCommands()).singleElement()
                .extracting(Command::attempt).isEqualTo(2);
    }
}
