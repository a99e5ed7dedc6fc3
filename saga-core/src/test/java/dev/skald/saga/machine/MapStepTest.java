package dev.skald.saga.machine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.skald.saga.definition.Bounds;
import dev.skald.saga.definition.SagaDefinition;
import dev.skald.saga.format.SagaDocuments;
import dev.skald.saga.testing.SagaScenario;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** Map steps: one command per element, a concurrency limit, outputs joined in order, compensation of the completed. */
class MapStepTest {
    private static final String ORDER = """
            {"name": "order", "version": 1, "steps": [
              {"id": "reserve", "participant": "inventory", "command": "Reserve",
               "compensation": {"participant": "inventory", "command": "Release"}},
              {"id": "lines", "type": "map", "items": "${input.lines}", "concurrency": %d,
               "participant": "pricing", "command": "PriceLine",
               "input": {"sku": "${item.sku}", "position": "${index}", "order": "${input.orderId}"},
               "retry": {"maxAttempts": 2, "initialDelay": "1s"}, "responseTimeout": "30s",
               "compensation": {"participant": "pricing", "command": "Unprice",
                                "input": {"sku": "${item.sku}", "price": "${lines.output.price}"}}},
              {"id": "ship", "participant": "shipping", "command": "Ship", "input": {"prices": "${lines.output}"}}]}""";

    private static SagaDefinition order(int concurrency) {
        return SagaDocuments.fromJson(ORDER.formatted(concurrency));
    }

    private static Map<String, Object> input(int lines) {
        List<Map<String, Object>> items = new ArrayList<>();
        IntStream.range(0, lines).forEach(n -> items.add(Map.of("sku", "sku-" + n)));
        return Map.of("orderId", "o-1", "lines", items);
    }

    private static SagaScenario started(int concurrency, int lines) {
        return SagaScenario.given(order(concurrency)).started("o-1", input(lines))
                .when().step("reserve").succeeds(Map.of("id", "r-1"));
    }

    @Test
    void everyElementRunsAndTheOutputsAreJoinedInElementOrder() {
        started(10, 3)
                .expectCommands("pricing", "PriceLine", 3)
                .expectCommand("pricing", "PriceLine", Map.of("sku", "sku-1", "position", 1, "order", "o-1"))
                .when().element("lines", 2).succeeds(Map.of("price", 30))
                .when().element("lines", 0).succeeds(Map.of("price", 10))
                .expectStep("lines", StepStatus.RUNNING)
                .when().element("lines", 1).succeeds(Map.of("price", 20))
                .expectStep("lines", StepStatus.COMPLETED)
                .expectCommand("shipping", "Ship", Map.of("prices",
                        List.of(Map.of("price", 10), Map.of("price", 20), Map.of("price", 30))));
    }

    @Test
    void eachElementAttemptHasItsOwnDeterministicCommandId() {
        SagaScenario scenario = started(10, 3);

        assertThat(scenario.lastCommands()).extracting(Command::commandId)
                .containsExactly("o-1:lines:1:action", "o-1:lines:2:action", "o-1:lines:3:action");
    }

    @Test
    void atMostConcurrencyElementsAreInFlightAndTheNextGoesWhenOneSettles() {
        SagaScenario scenario = started(2, 5).expectCommands("pricing", "PriceLine", 2)
                .expectElement("lines", 2, StepStatus.PENDING)
                .when().element("lines", 1).succeeds(Map.of("price", 1))
                .expectCommands("pricing", "PriceLine", 1)
                .expectCommand("pricing", "PriceLine", Map.of("sku", "sku-2", "position", 2, "order", "o-1"));
        for (int e : new int[] {0, 2, 3}) {
            scenario.when().element("lines", e).succeeds(Map.of("price", e));
            long running = scenario.state().step("lines").orElseThrow().elements().stream()
                    .filter(el -> el.status() == StepStatus.RUNNING).count();
            assertThat(running).isLessThanOrEqualTo(2);
        }
        scenario.when().element("lines", 4).succeeds(Map.of("price", 4))
                .expectStep("lines", StepStatus.COMPLETED)
                .expectCommand("shipping", "Ship");
    }

    @Test
    void aFailedElementFailsTheStepAndTheCompletedElementsAreUndoneInReverseThenEarlierSteps() {
        SagaScenario scenario = started(1, 4)
                .when().element("lines", 0).succeeds(Map.of("price", 10))
                .when().element("lines", 1).succeeds(Map.of("price", 11))
                .when().element("lines", 2).failsWith("unknown sku")
                .expectStep("lines", StepStatus.FAILED)
                .expectStatus(SagaStatus.COMPENSATING)
                .expectCommands("pricing", "Unprice", 1)
                .expectCommand("pricing", "Unprice", Map.of("sku", "sku-1", "price", 11))
                .when().compensationOfElement("lines", 1).succeeds()
                .expectCommand("pricing", "Unprice", Map.of("sku", "sku-0", "price", 10))
                .when().compensationOfElement("lines", 0).succeeds()
                .expectCommand("inventory", "Release")
                .when().compensationOf("reserve").succeeds()
                .expectStatus(SagaStatus.COMPENSATED)
                .expectElement("lines", 0, StepStatus.COMPENSATED)
                .expectElement("lines", 2, StepStatus.FAILED)
                .expectElement("lines", 3, StepStatus.PENDING);

        assertThat(scenario.state().error()).contains("step 'lines' failed: element 2 failed: unknown sku");
    }

    @Test
    void aSagaTimeoutAbandonsTheElementsInFlightAndUndoesTheCompletedOnesAtOnce() {
        SagaDefinition timed = SagaDocuments.fromJson(ORDER.formatted(3).replaceFirst(
                "\"version\": 1,", "\"version\": 1, \"timeout\": \"20s\","));

        SagaScenario.given(timed).started("o-1", input(3))
                .when().step("reserve").succeeds(Map.of("id", "r-1"))
                .when().element("lines", 0).succeeds(Map.of("price", 10))
                .when().timePasses(Duration.ofSeconds(20))
                .expectStatus(SagaStatus.COMPENSATING)
                .expectElement("lines", 1, StepStatus.CANCELLED)
                .expectElement("lines", 2, StepStatus.CANCELLED)
                .expectStep("lines", StepStatus.CANCELLED)
                .expectCommands("pricing", "Unprice", 1)
                .when().compensationOfElement("lines", 0).succeeds()
                .expectCommand("inventory", "Release")
                .when().compensationOf("reserve").succeeds()
                .expectStatus(SagaStatus.COMPENSATED);
    }

    @Test
    void elementsInFlightWhenOneFailsAreAwaitedAndCompensatedIfTheyComplete() {
        started(3, 3)
                .when().element("lines", 0).failsWith("no price")
                .expectStatus(SagaStatus.COMPENSATING)
                .expectNoCommands()
                .when().element("lines", 1).succeeds(Map.of("price", 11))
                .expectNoCommands()
                .when().element("lines", 2).failsRetriably("busy")
                .expectElement("lines", 2, StepStatus.CANCELLED)
                .expectCommands("pricing", "Unprice", 1)
                .when().compensationOfElement("lines", 1).succeeds()
                .expectCommand("inventory", "Release");
    }

    @Test
    void aRetriableFailureRetriesTheElementAloneWithANewCommandId() {
        SagaScenario scenario = started(10, 2)
                .when().element("lines", 1).failsRetriably("timeout upstream")
                .expectElement("lines", 1, StepStatus.RETRY_WAIT)
                .expectNoCommands()
                .when().timePasses(Duration.ofSeconds(2))
                .expectCommand("pricing", "PriceLine", Map.of("sku", "sku-1", "position", 1, "order", "o-1"));
        assertThat(scenario.lastCommands()).extracting(Command::commandId).containsExactly("o-1:lines:3:action");

        scenario.when().element("lines", 1).succeeds(Map.of("price", 2))
                .when().element("lines", 0).succeeds(Map.of("price", 1))
                .expectStep("lines", StepStatus.COMPLETED);
    }

    @Test
    void anElementWithoutReplyTimesOutIsRetriedAndFailsTheStepOnceItsAttemptsRunOut() {
        SagaScenario scenario = started(10, 1)
                .when().timePasses(Duration.ofSeconds(31))
                .expectCommand("pricing", "PriceLine");
        assertThat(scenario.lastCommands()).extracting(Command::commandId).containsExactly("o-1:lines:2:action");

        scenario.when().timePasses(Duration.ofSeconds(31))
                .expectStep("lines", StepStatus.FAILED)
                .expectElement("lines", 0, StepStatus.FAILED)
                .expectCommand("inventory", "Release");
        assertThat(scenario.state().error()).contains("element 0", "response timeout", "attempt 2 of 2");
    }

    @Test
    void theStepTimeoutFailsTheWholeStep() {
        String definition = ORDER.formatted(1).replace("\"responseTimeout\": \"30s\"", "\"timeout\": \"1m\"");
        SagaScenario.given(SagaDocuments.fromJson(definition)).started("o-1", input(3))
                .when().step("reserve").succeeds(Map.of("id", "r-1"))
                .when().element("lines", 0).succeeds(Map.of("price", 1))
                .when().timePasses(Duration.ofMinutes(2))
                .expectStep("lines", StepStatus.FAILED)
                .expectElement("lines", 1, StepStatus.RUNNING)
                .when().element("lines", 1).succeeds(Map.of("price", 2))
                .expectCommands("pricing", "Unprice", 1)
                .expectCommand("pricing", "Unprice", Map.of("sku", "sku-1", "price", 2));
    }

    @Test
    void anEmptyListCompletesAtOnceWithAnEmptyArray() {
        started(10, 0)
                .expectStep("lines", StepStatus.COMPLETED)
                .expectCommand("shipping", "Ship", Map.of("prices", List.of()));
    }

    @Test
    void itemsThatAreNotAnArrayFailTheStepNamingIt() {
        SagaScenario scenario = SagaScenario.given(order(10)).started("o-1", Map.of("lines", "A-1"))
                .when().step("reserve").succeeds(Map.of("id", "r-1"))
                .expectStep("lines", StepStatus.FAILED)
                .expectCommand("inventory", "Release");
        assertThat(scenario.state().error())
                .contains("step 'lines' failed: items ${input.lines} must be an array, was a string");
    }

    @Test
    void tooManyElementsFailTheStepInsteadOfStickingTheSaga() {
        SagaScenario scenario = started(10, Bounds.MAX_MAP_ELEMENTS + 1)
                .expectStep("lines", StepStatus.FAILED)
                .expectCommand("inventory", "Release");
        assertThat(scenario.state().error()).contains("has 10001 elements; a map step runs at most 10000");
    }

    @Test
    void aDuplicateOrLateReplyForAnElementIsIgnored() {
        SagaScenario scenario = started(10, 2)
                .when().element("lines", 0).succeeds(Map.of("price", 1));
        scenario.when().element("lines", 0).succeeds(Map.of("price", 999))
                .expectNoCommands()
                .expectElement("lines", 0, StepStatus.COMPLETED);
        Decision last = scenario.decisions().get(scenario.decisions().size() - 1);
        assertThat(last.events()).anySatisfy(e -> assertThat(e).isInstanceOfSatisfying(SagaEvent.InputIgnored.class,
                ignored -> assertThat(ignored.reason()).contains("late or duplicate reply for attempt 1")));
        assertThat(scenario.state().step("lines").orElseThrow().elements().get(0).output().get("price").asInt())
                .isEqualTo(1);
    }

    @Test
    void resendSendsEveryElementCommandInFlightWithItsOriginalId() {
        SagaScenario scenario = started(2, 3).when().resent();

        assertThat(scenario.lastCommands()).extracting(Command::commandId)
                .containsExactly("o-1:lines:1:action", "o-1:lines:2:action");
    }

    @Test
    void afterAFailureWithPolicyFailAnOperatorRetryRunsTheFailedElementAgainAndKeepsTheCompletedOnes() {
        String definition = ORDER.formatted(10).replace("\"version\": 1,", "\"version\": 1, \"onFailure\": \"fail\",");
        SagaScenario scenario = SagaScenario.given(SagaDocuments.fromJson(definition)).started("o-1", input(2))
                .when().step("reserve").succeeds(Map.of("id", "r-1"))
                .when().element("lines", 0).succeeds(Map.of("price", 1))
                .when().element("lines", 1).failsWith("price service down")
                .expectStatus(SagaStatus.FAILED)
                .when().retried()
                .expectCommands("pricing", "PriceLine", 1)
                .expectCommand("pricing", "PriceLine", Map.of("sku", "sku-1", "position", 1, "order", "o-1"));
        assertThat(scenario.lastCommands()).extracting(Command::commandId).containsExactly("o-1:lines:3:action");

        scenario.when().element("lines", 1).succeeds(Map.of("price", 2))
                .expectCommand("shipping", "Ship", Map.of("prices", List.of(Map.of("price", 1), Map.of("price", 2))));
    }

    @Test
    void anElementCompensationThatFailsForGoodStopsTheSagaUntilAnOperatorRetries() {
        started(10, 2)
                .when().element("lines", 0).succeeds(Map.of("price", 1))
                .when().element("lines", 1).failsWith("unknown sku")
                .when().compensationOfElement("lines", 0).failsWith("already invoiced")
                .expectStatus(SagaStatus.COMPENSATION_FAILED)
                .expectElement("lines", 0, StepStatus.COMPENSATION_FAILED)
                .when().retried()
                .expectCommand("pricing", "Unprice", Map.of("sku", "sku-0", "price", 1))
                .when().compensationOfElement("lines", 0).succeeds()
                .expectCommand("inventory", "Release")
                .when().compensationOf("reserve").succeeds()
                .expectStatus(SagaStatus.COMPENSATED);
    }

    @Test
    void aCompletedMapStepIsUndoneElementByElementWhenALaterStepFails() {
        started(10, 2)
                .when().element("lines", 0).succeeds(Map.of("price", 1))
                .when().element("lines", 1).succeeds(Map.of("price", 2))
                .when().step("ship").failsWith("no courier")
                .expectStep("lines", StepStatus.COMPENSATING)
                .expectCommands("pricing", "Unprice", 2)
                .when().compensationOfElement("lines", 0).succeeds()
                .expectNoCommands()
                .when().compensationOfElement("lines", 1).succeeds()
                .expectStep("lines", StepStatus.COMPENSATED)
                .expectCommand("inventory", "Release");
    }

    @Test
    void aCancelAwaitsTheElementsInFlightAndUndoesThoseThatCompleted() {
        SagaScenario scenario = started(2, 4)
                .when().element("lines", 0).succeeds(Map.of("price", 1))
                .when().cancelled()
                .expectStatus(SagaStatus.COMPENSATING)
                .expectNoCommands()
                .when().element("lines", 1).succeeds(Map.of("price", 2))
                .expectStep("lines", StepStatus.RUNNING)
                .expectNoCommands()
                .when().element("lines", 2).failsRetriably("busy")
                .expectElement("lines", 2, StepStatus.CANCELLED)
                .expectStep("lines", StepStatus.CANCELLED)
                .expectElement("lines", 3, StepStatus.PENDING);

        assertThat(scenario.lastCommands()).extracting(c -> ((Command.ToParticipant) c).payload().get("sku").asText())
                .containsExactly("sku-1", "sku-0");
    }

    @Test
    void whilePausedNoElementIsSentAndResumingSendsTheNext() {
        started(1, 2)
                .when().paused()
                .when().element("lines", 0).succeeds(Map.of("price", 1))
                .expectNoCommands()
                .when().resumed()
                .expectCommand("pricing", "PriceLine", Map.of("sku", "sku-1", "position", 1, "order", "o-1"));
    }

    @Test
    void aRestartRunsEveryElementAgainWithNewCommandIds() {
        SagaScenario scenario = started(10, 1)
                .when().element("lines", 0).succeeds(Map.of("price", 1))
                .when().step("ship").succeeds()
                .expectStatus(SagaStatus.COMPLETED)
                .when().restarted()
                .when().step("reserve").succeeds(Map.of("id", "r-2"));
        assertThat(scenario.lastCommands()).extracting(Command::commandId).containsExactly("o-1:lines:2:action");
    }
}
