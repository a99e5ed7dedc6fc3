package dev.skald.saga.machine;

import static dev.skald.saga.machine.SagaStatus.COMPENSATED;
import static dev.skald.saga.machine.SagaStatus.COMPENSATING;
import static dev.skald.saga.machine.SagaStatus.COMPENSATION_FAILED;
import static dev.skald.saga.machine.SagaStatus.COMPLETED;
import static dev.skald.saga.machine.SagaStatus.FAILED;
import static dev.skald.saga.machine.SagaStatus.PAUSED;
import static dev.skald.saga.machine.SagaStatus.RUNNING;
import static org.assertj.core.api.Assertions.assertThat;

import dev.skald.saga.definition.FailurePolicy;
import dev.skald.saga.definition.RetryPolicy;
import dev.skald.saga.definition.Saga;
import dev.skald.saga.definition.SagaDefinition;
import dev.skald.saga.testing.SagaScenario;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The state machine's semantics, one behaviour per test, written with the {@link SagaScenario} fixture. */
class SagaMachineScenariosTest {

    private static SagaScenario startedOrder() {
        return SagaScenario.given(OrderSaga.definition()).started("o-1", OrderSaga.INPUT);
    }

    @Test
    void completesFourStepSagaDispatchingEachStepAfterItsDependency() {
        startedOrder()
                .expectCommand("inventory", "ReserveStock", Map.of("sku", "A-1", "qty", 2))
                .when().step("reserve").succeeds(Map.of("reservationId", "r-1"))
                .expectCommand("payment", "Charge", Map.of("amount", 40, "order", "o-1"))
                .when().step("charge").succeeds(Map.of("chargeId", "c-1"))
                .expectCommand("shipping", "CreateShipment")
                .when().step("ship").succeeds(Map.of("trackingId", "t-1"))
                .expectCommand("notification", "Notify", Map.of("text", "order o-1 shipped"))
                .when().step("notify").succeeds()
                .expectStatus(COMPLETED)
                .expectOutput(Map.of("reserve", Map.of("reservationId", "r-1"), "charge", Map.of("chargeId", "c-1"),
                        "ship", Map.of("trackingId", "t-1"), "notify", Map.of()));
    }

    @Test
    void compensatesCompletedStepsInReverseOrderAfterABusinessFailure() {
        startedOrder()
                .when().step("reserve").succeeds(Map.of("reservationId", "r-1"))
                .when().step("charge").succeeds(Map.of("chargeId", "c-1"))
                .when().step("ship").failsWith("address unknown")
                .expectStatus(COMPENSATING)
                .expectCommand("payment", "Refund", Map.of("chargeId", "c-1"))
                .when().compensationOf("charge").succeeds()
                .expectCommand("inventory", "ReleaseStock", Map.of("reservationId", "r-1"))
                .when().compensationOf("reserve").succeeds()
                .expectStatus(COMPENSATED)
                .expectStep("ship", StepStatus.FAILED)
                .expectStep("charge", StepStatus.COMPENSATED)
                .expectStep("reserve", StepStatus.COMPENSATED);
    }

    @Test
    void businessFailureIsNotRetried() {
        SagaScenario scenario = startedOrder().when().step("reserve").failsWith("out of stock");

        scenario.expectStatus(COMPENSATED).expectNoCommands();
        assertThat(scenario.state().step("reserve").orElseThrow().attempt()).isEqualTo(1);
    }

    @Test
    void retriesARetriableFailureWithExponentialBackoffUntilAttemptsRunOut() {
        SagaScenario scenario = startedOrder().when().step("reserve").failsRetriably("db busy");
        scenario.expectStatus(RUNNING).expectStep("reserve", StepStatus.RETRY_WAIT).expectNoCommands();
        assertThat(scenario.state().timers().values()).containsExactly(SagaScenario.EPOCH.plusSeconds(1));

        scenario.when().timePasses(Duration.ofSeconds(1)).expectCommand("inventory", "ReserveStock")
                .when().step("reserve").failsRetriably("db busy");
        assertThat(scenario.state().timers().values()).containsExactly(SagaScenario.EPOCH.plusSeconds(3));

        scenario.when().timePasses(Duration.ofSeconds(2)).expectCommand("inventory", "ReserveStock")
                .when().step("reserve").failsRetriably("db busy")
                .expectStatus(COMPENSATED)
                .expectStep("reserve", StepStatus.FAILED);
        assertThat(scenario.state().error()).contains("reserve").contains("attempt 3 of 3");
    }

    @Test
    void aResponseTimeoutCountsAsARetriableFailure() {
        SagaScenario scenario = startedOrder().when().step("reserve").succeeds(Map.of("reservationId", "r-1"))
                .when().timePasses(Duration.ofSeconds(30))
                .expectStep("charge", StepStatus.RETRY_WAIT)
                .when().timePasses(Duration.ofSeconds(5))
                .expectCommand("payment", "Charge");

        assertThat(scenario.state().step("charge").orElseThrow().attempt()).isEqualTo(2);
        scenario.when().timePasses(Duration.ofSeconds(30))
                .expectStatus(COMPENSATING)
                .expectCommand("inventory", "ReleaseStock");
    }

    @Test
    void sagaTimeoutAbandonsTheStepInFlightAndCompensatesWhatCompletedAtOnce() {
        SagaDefinition definition = OrderSaga.steps().sagaTimeout(Duration.ofSeconds(20)).build();

        SagaScenario.given(definition).started("o-1", OrderSaga.INPUT)
                .when().step("reserve").succeeds(Map.of("reservationId", "r-1"))
                .when().timePasses(Duration.ofSeconds(20))
                .expectStatus(COMPENSATING)
                .expectStep("charge", StepStatus.CANCELLED)
                .expectCommand("inventory", "ReleaseStock", Map.of("reservationId", "r-1"))
                .when().compensationOf("reserve").succeeds()
                .expectStatus(COMPENSATED);
    }

    @Test
    void aSagaTimeoutEndsTheSagaWhileAStepWithoutResponseTimeoutNeverAnswers() {
        SagaDefinition definition = Saga.named("silent").version(1)
                .step("a").call("svc", "A").compensateWith("svc", "UndoA")
                .step("b").call("svc", "SilentB")
                .sagaTimeout(Duration.ofSeconds(2))
                .build();

        SagaScenario.given(definition).started("s-1", Map.of())
                .when().step("a").succeeds()
                .expectCommand("svc", "SilentB")
                .when().timePasses(Duration.ofSeconds(2))
                .expectStep("b", StepStatus.CANCELLED)
                .expectCommand("svc", "UndoA")
                .when().compensationOf("a").succeeds()
                .expectStatus(COMPENSATED);
    }

    @Test
    void aLateSuccessOfAnAbandonedStepIsCompensatedWhileTheSagaCompensates() {
        SagaDefinition definition = OrderSaga.steps().sagaTimeout(Duration.ofSeconds(20)).build();

        SagaScenario scenario = SagaScenario.given(definition).started("o-1", OrderSaga.INPUT)
                .when().step("reserve").succeeds(Map.of("reservationId", "r-1"))
                .when().timePasses(Duration.ofSeconds(20))
                .expectCommand("inventory", "ReleaseStock")
                .when().step("charge").succeeds(Map.of("chargeId", "c-1"))
                .expectStep("charge", StepStatus.COMPENSATING)
                .expectCommand("payment", "Refund", Map.of("chargeId", "c-1"))
                .when().compensationOf("reserve").succeeds()
                .expectStatus(COMPENSATING)
                .when().compensationOf("charge").succeeds()
                .expectStatus(COMPENSATED);
        assertThat(scenario.decisions()).noneMatch(d -> d.rejected().isPresent());
    }

    @Test
    void aLateSuccessAfterTheSagaEndedIsRecordedAsAnEffectLeftUndone() {
        SagaDefinition definition = OrderSaga.steps().sagaTimeout(Duration.ofSeconds(20)).build();

        SagaScenario scenario = SagaScenario.given(definition).started("o-1", OrderSaga.INPUT)
                .when().step("reserve").succeeds(Map.of("reservationId", "r-1"))
                .when().timePasses(Duration.ofSeconds(20))
                .when().compensationOf("reserve").succeeds()
                .expectStatus(COMPENSATED)
                .when().step("charge").succeeds(Map.of("chargeId", "c-1"))
                .expectStatus(COMPENSATED)
                .expectStep("charge", StepStatus.CANCELLED)
                .expectNoCommands();
        Decision last = scenario.decisions().get(scenario.decisions().size() - 1);
        assertThat(last.rejected()).isEmpty();
        assertThat(last.events()).anySatisfy(event -> assertThat(event.toString())
                .contains("late success of attempt 1 of step 'charge'").contains("NOT compensated"));
    }

    @Test
    void anAttemptWithoutAResponseTimeoutIsRetriedAfterTheDefaultOne() {
        SagaDefinition definition = Saga.named("quiet").version(1)
                .step("a").call("svc", "A").retry(RetryPolicy.fixed(2, Duration.ofSeconds(1)))
                .build();

        SagaScenario.given(definition).started("q-1", Map.of())
                .expectCommand("svc", "A")
                .when().timePasses(dev.skald.saga.definition.StepKind.DEFAULT_RESPONSE_TIMEOUT.minusSeconds(1))
                .expectNoCommands()
                .expectStep("a", StepStatus.RUNNING)
                .when().timePasses(Duration.ofSeconds(2))
                .expectCommand("svc", "A")
                .expectStep("a", StepStatus.RUNNING);
    }

    @Test
    void independentStepsAreDispatchedTogetherAndTheJoinWaitsForBoth() {
        SagaDefinition definition = Saga.named("parallel").version(1)
                .step("a").call("pa", "A")
                .step("b").call("pb", "B").dependsOn()
                .step("c").call("pc", "C").dependsOn("a", "b")
                .build();

        SagaScenario scenario = SagaScenario.given(definition).started("p-1", Map.of());
        assertThat(scenario.lastCommands()).extracting(Command::stepId).containsExactly("a", "b");

        scenario.when().step("a").succeeds().expectNoCommands()
                .when().step("b").succeeds().expectCommand("pc", "C");
    }

    @Test
    void pauseHoldsNewDispatchesWhileRepliesStillApplyAndResumeContinues() {
        startedOrder()
                .when().paused().expectStatus(PAUSED)
                .when().step("reserve").succeeds(Map.of("reservationId", "r-1"))
                .expectStep("reserve", StepStatus.COMPLETED)
                .expectNoCommands()
                .when().resumed()
                .expectStatus(RUNNING)
                .expectCommand("payment", "Charge");
    }

    @Test
    void cancelCompensatesCompletedStepsOnceInFlightStepsSettle() {
        startedOrder()
                .when().step("reserve").succeeds(Map.of("reservationId", "r-1"))
                .when().cancelled()
                .expectStatus(COMPENSATING)
                .expectNoCommands()
                .when().step("charge").succeeds(Map.of("chargeId", "c-1"))
                .expectCommand("payment", "Refund")
                .when().compensationOf("charge").succeeds()
                .expectCommand("inventory", "ReleaseStock")
                .when().compensationOf("reserve").succeeds()
                .expectStatus(COMPENSATED);
    }

    @Test
    void cancelIsRefusedOnceThePivotCompleted() {
        SagaDefinition definition = Saga.named("pivoted").version(1)
                .step("reserve").call("inventory", "Reserve").compensateWith("inventory", "Release")
                .step("charge").call("payment", "Charge").pivot()
                .step("ship").call("shipping", "Ship")
                .build();

        SagaScenario scenario = SagaScenario.given(definition).started("p-1", Map.of())
                .when().step("reserve").succeeds()
                .when().step("charge").succeeds()
                .when().cancelled()
                .expectStatus(RUNNING);
        assertThat(scenario.decisions().get(scenario.decisions().size() - 1).events())
                .singleElement().isInstanceOfSatisfying(SagaEvent.InputIgnored.class,
                        e -> assertThat(e.reason()).contains("pivot step 'charge' completed"));
    }

    @Test
    void aFailureAfterThePivotRetriesForwardThenFailsWithoutCompensating() {
        SagaDefinition definition = Saga.named("pivoted").version(1)
                .step("reserve").call("inventory", "Reserve").compensateWith("inventory", "Release")
                .step("charge").call("payment", "Charge").pivot()
                .step("ship").call("shipping", "Ship").retry(RetryPolicy.fixed(2, Duration.ofSeconds(1)))
                .build();

        SagaScenario.given(definition).started("p-1", Map.of())
                .when().step("reserve").succeeds()
                .when().step("charge").succeeds()
                .when().step("ship").failsRetriably("carrier down")
                .when().timePasses(Duration.ofSeconds(1)).expectCommand("shipping", "Ship")
                .when().step("ship").failsRetriably("carrier down")
                .expectStatus(FAILED)
                .expectNoCommands()
                .expectStep("reserve", StepStatus.COMPLETED)
                .when().retried()
                .expectStatus(RUNNING)
                .expectCommand("shipping", "Ship")
                .when().step("ship").succeeds()
                .expectStatus(COMPLETED);
    }

    @Test
    void failPolicyStopsWithoutCompensatingAndRetryContinuesFromTheFailedStep() {
        SagaDefinition definition = OrderSaga.steps().onFailure(FailurePolicy.FAIL).build();

        SagaScenario scenario = SagaScenario.given(definition).started("o-1", OrderSaga.INPUT)
                .when().step("reserve").succeeds(Map.of("reservationId", "r-1"))
                .when().step("charge").failsWith("card declined")
                .expectStatus(FAILED)
                .expectNoCommands()
                .when().retried()
                .expectStatus(RUNNING)
                .expectCommand("payment", "Charge");
        assertThat(scenario.lastCommands()).extracting(Command::commandId).containsExactly("o-1:charge:2:action");
        scenario.when().step("charge").succeeds(Map.of("chargeId", "c-2"))
                .when().step("ship").succeeds()
                .when().step("notify").succeeds()
                .expectStatus(COMPLETED);
    }

    @Test
    void aCompensationThatNeverSucceedsEndsCompensationFailedAndRetryCompensatesAgain() {
        startedOrder()
                .when().step("reserve").succeeds(Map.of("reservationId", "r-1"))
                .when().step("charge").succeeds(Map.of("chargeId", "c-1"))
                .when().step("ship").failsWith("no carrier")
                .when().compensationOf("charge").failsRetriably("gateway down")
                .when().timePasses(Duration.ofSeconds(1))
                .expectCommand("payment", "Refund")
                .when().compensationOf("charge").failsRetriably("gateway down")
                .expectStatus(COMPENSATION_FAILED)
                .expectStep("reserve", StepStatus.COMPLETED)
                .when().retried()
                .expectStatus(COMPENSATING)
                .expectCommand("payment", "Refund")
                .when().compensationOf("charge").succeeds()
                .when().compensationOf("reserve").succeeds()
                .expectStatus(COMPENSATED);
    }

    @Test
    void anOptionalStepsFailureLeavesTheSagaRunning() {
        startedOrder()
                .when().step("reserve").succeeds(Map.of("reservationId", "r-1"))
                .when().step("charge").succeeds(Map.of("chargeId", "c-1"))
                .when().step("ship").succeeds()
                .when().step("notify").failsWith("mailbox full")
                .expectStatus(COMPLETED)
                .expectStep("notify", StepStatus.FAILED);
    }

    @Test
    void aFalseConditionSkipsTheStepAndItsDependentsStillRun() {
        SagaDefinition definition = Saga.named("conditional").version(1)
                .step("check").call("fraud", "Check").when("${input.total} > 100")
                .step("charge").call("payment", "Charge")
                .build();

        SagaScenario.given(definition).started("c-1", Map.of("total", 40))
                .expectStep("check", StepStatus.SKIPPED)
                .expectCommand("payment", "Charge");
    }

    @Test
    void lateAndDuplicateRepliesChangeNothingAndAreRecordedAsIgnored() {
        SagaScenario scenario = startedOrder()
                .when().step("reserve").failsRetriably("busy")
                .when().timePasses(Duration.ofSeconds(1))
                .when().step("reserve").succeeds(Map.of("reservationId", "r-2"));
        SagaState before = scenario.state();
        SagaMachine machine = SagaMachine.of(OrderSaga.definition());

        Decision late = machine.decide(before, SagaInput.Reply.success("reserve", 1, null), scenario.now());
        Decision duplicate = machine.decide(before, SagaInput.Reply.success("reserve", 2, null), scenario.now());

        for (Decision d : List.of(late, duplicate)) {
            assertThat(d.state()).isEqualTo(before);
            assertThat(d.commands()).isEmpty();
            assertThat(d.events()).singleElement().isInstanceOf(SagaEvent.InputIgnored.class);
        }
    }

    @Test
    void resendSendsThePendingCommandAgainWithItsIdAndInputAndChangesNoStatus() {
        SagaScenario scenario = startedOrder();
        Command first = scenario.lastCommands().get(0);
        SagaState before = scenario.state();

        scenario.when().resent();

        assertThat(scenario.lastCommands()).containsExactly(first);
        assertThat(scenario.state().status()).isEqualTo(before.status());
        assertThat(scenario.state().steps()).isEqualTo(before.steps());
        assertThat(scenario.decisions().get(scenario.decisions().size() - 1).events()).singleElement()
                .isEqualTo(new SagaEvent.CommandResent(scenario.now(), "reserve", 1, "o-1:reserve:1:action"));
        scenario.when().step("reserve").succeeds(Map.of("reservationId", "r-1"))
                .expectCommand("payment", "Charge");
    }

    @Test
    void resendOfACompensatingSagaSendsTheCompensationAgain() {
        SagaScenario scenario = startedOrder()
                .when().step("reserve").succeeds(Map.of("reservationId", "r-1"))
                .when().step("charge").failsWith("declined");
        Command compensation = scenario.lastCommands().get(0);

        scenario.when().resent();

        assertThat(scenario.lastCommands()).extracting(Command::commandId)
                .containsExactly(compensation.commandId());
        scenario.when().compensationOf("reserve").succeeds().expectStatus(COMPENSATED);
    }

    @Test
    void resendWithNothingPendingIsIgnored() {
        SagaScenario scenario = startedOrder().when().paused()
                .when().step("reserve").succeeds(Map.of("reservationId", "r-1"));

        scenario.when().resent();

        assertThat(scenario.lastCommands()).isEmpty();
        assertThat(scenario.decisions().get(scenario.decisions().size() - 1).events()).singleElement()
                .isInstanceOf(SagaEvent.InputIgnored.class);
    }

    @Test
    void commandIdsAreDeterministicFromSagaStepAttemptAndKind() {
        SagaScenario scenario = startedOrder();
        assertThat(scenario.lastCommands()).extracting(Command::commandId).containsExactly("o-1:reserve:1:action");

        scenario.when().step("reserve").succeeds(Map.of("reservationId", "r-1"))
                .when().step("charge").failsWith("declined");
        assertThat(scenario.lastCommands()).extracting(Command::commandId).containsExactly("o-1:reserve:1:compensation");
    }

    @Test
    void aWaitStepCompletesWhenItsDurationElapses() {
        SagaDefinition definition = Saga.named("cooling").version(1)
                .step("cool").waitFor(Duration.ofMinutes(20))
                .step("charge").call("payment", "Charge")
                .build();

        SagaScenario.given(definition).started("w-1", Map.of())
                .expectStep("cool", StepStatus.WAITING)
                .when().timePasses(Duration.ofMinutes(19)).expectNoCommands()
                .when().timePasses(Duration.ofMinutes(1)).expectCommand("payment", "Charge");
    }

    @Test
    void anEventWaitCompletesOnlyWithTheMatchingCorrelationKey() {
        SagaDefinition definition = Saga.named("evented").version(1)
                .step("paid").awaitEvent("PaymentReceived").correlatedBy("${input.orderId}")
                .step("ship").call("shipping", "Ship").input(Map.of("payment", "${paid.output}"))
                .build();

        SagaScenario.given(definition).started("e-1", Map.of("orderId", "o-9"))
                .when().event("PaymentReceived", "o-8", Map.of("amount", 1)).expectStep("paid", StepStatus.WAITING)
                .when().event("PaymentReceived", "o-9", Map.of("amount", 5))
                .expectStep("paid", StepStatus.COMPLETED)
                .expectCommand("shipping", "Ship", Map.of("payment", Map.of("amount", 5)));
    }

    @Test
    void anEventThatArrivesBeforeItsWaitIsKeptForIt() {
        SagaDefinition definition = Saga.named("early").version(1)
                .step("prepare").call("prep", "Prepare")
                .step("approved").awaitEvent("Approved")
                .build();

        SagaScenario.given(definition).started("e-1", Map.of())
                .when().event("Approved", null, Map.of("by", "ann"))
                .expectStep("approved", StepStatus.PENDING)
                .when().step("prepare").succeeds()
                .expectStatus(COMPLETED)
                .expectStep("approved", StepStatus.COMPLETED);
    }

    @Test
    void anEventWaitThatTimesOutFailsTheSaga() {
        SagaDefinition definition = Saga.named("evented").version(1)
                .step("paid").awaitEvent("PaymentReceived").timeout(Duration.ofHours(1))
                .build();

        SagaScenario.given(definition).started("e-1", Map.of())
                .when().timePasses(Duration.ofHours(1))
                .expectStep("paid", StepStatus.FAILED)
                .expectStatus(COMPENSATED);
    }

    @Test
    void aSubSagaStepStartsAChildAndTakesItsOutcome() {
        SagaDefinition definition = Saga.named("parent").version(1)
                .step("child").subSaga("shipping").version(2).input(Map.of("order", "${input.orderId}"))
                .step("done").call("notification", "Notify")
                .build();

        SagaScenario scenario = SagaScenario.given(definition).started("p-1", Map.of("orderId", "o-1"))
                .expectChildSaga("shipping");
        assertThat(scenario.lastCommands()).singleElement().isInstanceOfSatisfying(Command.StartChild.class, c -> {
            assertThat(c.childSagaId()).isEqualTo("p-1/child/1");
            assertThat(c.version()).isEqualTo(2);
        });
        scenario.when().step("child").succeeds(Map.of("tracking", "t")).expectCommand("notification", "Notify");
    }

    @Test
    void aParentWindingDownCancelsItsRunningChild() {
        SagaDefinition definition = Saga.named("parent").version(1)
                .step("pay").call("payment", "Charge").compensateWith("payment", "Refund")
                .step("child").subSaga("shipping")
                .build();

        SagaScenario scenario = SagaScenario.given(definition).started("p-1", Map.of())
                .when().step("pay").succeeds()
                .when().cancelled();
        assertThat(scenario.lastCommands()).singleElement().isInstanceOf(Command.CancelChild.class);
        scenario.when().step("child").failsWith("cancelled")
                .expectCommand("payment", "Refund");
    }

    @Test
    void aParentTimingOutCancelsItsChildAndCompensatesWithoutWaitingForIt() {
        SagaDefinition definition = Saga.named("parent").version(1)
                .step("pay").call("payment", "Charge").compensateWith("payment", "Refund")
                .step("child").subSaga("shipping")
                .sagaTimeout(Duration.ofSeconds(30))
                .build();

        SagaScenario scenario = SagaScenario.given(definition).started("p-1", Map.of())
                .when().step("pay").succeeds()
                .when().timePasses(Duration.ofSeconds(30))
                .expectStep("child", StepStatus.CANCELLED)
                .expectCommand("payment", "Refund");
        assertThat(scenario.lastCommands()).hasAtLeastOneElementOfType(Command.CancelChild.class);
        scenario.when().compensationOf("pay").succeeds().expectStatus(COMPENSATED);
    }

    @Test
    void aTerminateStepCompletesTheSagaAndSkipsTheRest() {
        SagaDefinition definition = Saga.named("terminating").version(1)
                .step("check").call("fraud", "Check")
                .step("stop").terminate(dev.skald.saga.definition.StepKind.Terminate.Outcome.COMPLETED)
                    .when("${check.output.clean} == false").sagaOutput(Map.of("rejected", true))
                .step("ship").call("shipping", "Ship")
                .build();

        SagaScenario.given(definition).started("t-1", Map.of())
                .when().step("check").succeeds(Map.of("clean", false))
                .expectStatus(COMPLETED)
                .expectStep("ship", StepStatus.SKIPPED)
                .expectOutput(Map.of("rejected", true));
    }

    @Test
    void inputsAndRepliesForSagasOrStepsThatDoNotExistAreRejected() {
        SagaMachine machine = SagaMachine.of(OrderSaga.definition());
        SagaState state = SagaScenario.given(OrderSaga.definition()).started("o-1", OrderSaga.INPUT).state();

        assertThat(machine.decide(null, SagaInput.Reply.success("reserve", 1, null), SagaScenario.EPOCH).rejected())
                .hasValueSatisfying(r -> assertThat(r).contains("no saga"));
        assertThat(machine.decide(state, SagaInput.Reply.success("nope", 1, null), SagaScenario.EPOCH).rejected())
                .hasValueSatisfying(r -> assertThat(r).contains("unknown step 'nope'"));
    }

    @Test
    void aSecondStartForTheSameSagaStartsNothing() {
        SagaMachine machine = SagaMachine.of(OrderSaga.definition());
        SagaState state = SagaScenario.given(OrderSaga.definition()).started("o-1", OrderSaga.INPUT).state();

        Decision again = machine.decide(state, new SagaInput.Start("o-1", null, null), SagaScenario.EPOCH);

        assertThat(again.state()).isEqualTo(state);
        assertThat(again.commands()).isEmpty();
    }
}
