package dev.skald.orchestrator.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.skald.avro.SagaStateRecord;
import dev.skald.avro.StepStateRecord;
import dev.skald.avro.TimerRecord;
import dev.skald.saga.machine.TimerId;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class StuckSagasTest {
    private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");
    private static final Instant THRESHOLD = T0.plusSeconds(600);
    /** The query asks for commands older than 10 minutes. */
    private static final Instant NOW = THRESHOLD.plusSeconds(600);

    private static StepStateRecord step(String id, String status, Instant since) {
        return StepStateRecord.newBuilder().setId(id).setStatus(status).setAttempt(1).setAttemptBase(0)
                .setCompensationAttempt(0).setCompensationBase(0).setInput(null).setOutput(null).setError(null)
                .setUpdatedAt(since).build();
    }

    private static SagaStateRecord saga(String status, List<StepStateRecord> steps, List<TimerRecord> timers) {
        return SagaStateRecord.newBuilder().setSagaId("s-1").setDefinition("order").setVersion(1)
                .setCorrelationKey(null).setStatus(status).setInput("{}").setOutput(null).setError(null)
                .setCreatedAt(T0).setUpdatedAt(T0).setRound(0).setSteps(steps).setTimers(timers)
                .setInbox(List.of()).setParent(null).build();
    }

    private static TimerRecord timer(Instant due) {
        return timer(new TimerId(TimerId.TimerKind.RESPONSE_TIMEOUT, "charge", 1), due);
    }

    private static TimerRecord timer(TimerId id, Instant due) {
        return TimerRecord.newBuilder().setKey(id.key()).setDueAt(due).build();
    }

    @Test
    void aStepWaitingOnACommandSinceBeforeTheThresholdWithNoTimerAheadIsStuck() {
        SagaStateRecord saga = saga("RUNNING", List.of(step("reserve", "COMPLETED", T0),
                step("charge", "RUNNING", T0.plusSeconds(60))), List.of());

        assertThat(StuckSagas.check(saga, THRESHOLD, NOW)).hasValueSatisfying(stuck -> {
            assertThat(stuck.steps()).containsExactly("charge");
            assertThat(stuck.waitingSince()).isEqualTo(T0.plusSeconds(60));
        });
    }

    @Test
    void aCompensationWaitingTooLongIsStuckToo() {
        SagaStateRecord saga = saga("COMPENSATING", List.of(step("reserve", "COMPENSATING", T0)), List.of());
        assertThat(StuckSagas.check(saga, THRESHOLD, NOW)).isPresent();
    }

    @Test
    void aTimerStillAheadWillMoveTheSagaSoItIsNotStuck() {
        SagaStateRecord saga = saga("RUNNING", List.of(step("charge", "RUNNING", T0)),
                List.of(timer(THRESHOLD.plusSeconds(1))));
        assertThat(StuckSagas.check(saga, THRESHOLD, NOW)).isEmpty();
    }

    @Test
    void aResponseTimeoutFarAheadDoesNotHideALostCommand() {
        SagaStateRecord saga = saga("RUNNING", List.of(step("charge", "RUNNING", T0)),
                List.of(timer(T0.plusSeconds(3600))));
        assertThat(StuckSagas.check(saga, THRESHOLD, NOW)).isPresent();
        assertThat(StuckSagas.check(saga, THRESHOLD, NOW.plusSeconds(1800)))
                .as("asked later, with the timer within the threshold from now").isEmpty();
    }

    @Test
    void aTimerOverdueByMoreThanTheThresholdDoesNotHideAStuckSaga() {
        SagaStateRecord saga = saga("RUNNING", List.of(step("charge", "RUNNING", T0)),
                List.of(timer(THRESHOLD.minusSeconds(1))));
        assertThat(StuckSagas.check(saga, THRESHOLD, NOW)).isPresent();
    }

    @Test
    void aSagaTimeoutOrAnotherStepsTimerAheadDoesNotHideAStepWhoseCommandWasLost() {
        SagaStateRecord saga = saga("RUNNING", List.of(step("charge", "RUNNING", T0), step("wait", "WAITING", T0)),
                List.of(timer(TimerId.sagaTimeout(0), T0.plusSeconds(3600)),
                        timer(new TimerId(TimerId.TimerKind.WAIT, "wait", 1), T0.plusSeconds(3600))));

        assertThat(StuckSagas.check(saga, THRESHOLD, NOW)).hasValueSatisfying(stuck ->
                assertThat(stuck.steps()).containsExactly("charge"));
    }

    @Test
    void aTimerWhoseKeyCannotBeReadStillHidesTheSagaAsBefore() {
        SagaStateRecord saga = saga("RUNNING", List.of(step("charge", "RUNNING", T0)),
                List.of(TimerRecord.newBuilder().setKey("legacy").setDueAt(THRESHOLD.plusSeconds(1)).build()));
        assertThat(StuckSagas.check(saga, THRESHOLD, NOW)).isEmpty();
    }

    @Test
    void recentCommandsWaitsAndEndedSagasAreNotStuck() {
        assertThat(StuckSagas.check(saga("RUNNING", List.of(step("charge", "RUNNING", THRESHOLD.plusSeconds(1))),
                List.of()), THRESHOLD, NOW)).isEmpty();
        assertThat(StuckSagas.check(saga("RUNNING", List.of(step("wait", "WAITING", T0)), List.of()), THRESHOLD, NOW))
                .isEmpty();
        assertThat(StuckSagas.check(saga("COMPLETED", List.of(step("charge", "RUNNING", T0)), List.of()),
                THRESHOLD, NOW)).isEmpty();
    }

    @Test
    void rendersTheContractOfGetSagasStuck() {
        SagaStateRecord saga = saga("RUNNING", List.of(step("charge", "RUNNING", T0)), List.of());
        var json = StuckSagas.view(saga, StuckSagas.check(saga, THRESHOLD, NOW).orElseThrow()).toJson();
        assertThat(json.toString()).isEqualTo("{\"sagaId\":\"s-1\",\"definition\":\"order\",\"version\":1,"
                + "\"status\":\"RUNNING\",\"updatedAt\":\"2026-01-01T00:00:00Z\","
                + "\"waitingSince\":\"2026-01-01T00:00:00Z\",\"steps\":[\"charge\"]}");
    }
}
