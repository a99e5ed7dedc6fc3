package dev.skald.saga.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.skald.saga.definition.FailurePolicy;
import dev.skald.saga.definition.StepKind;
import dev.skald.saga.machine.Command;
import dev.skald.saga.machine.CommandKind;
import dev.skald.saga.machine.Route;
import dev.skald.saga.machine.SagaInput;
import dev.skald.saga.machine.SagaStatus;
import dev.skald.saga.machine.StepState;
import dev.skald.saga.machine.StepStatus;
import dev.skald.saga.machine.TimerId;
import dev.skald.saga.machine.TimerId.TimerKind;
import dev.skald.saga.machine.Trigger;
import java.util.BitSet;
import java.util.Optional;

/**
 * Moves a saga forward after an input: dispatches the steps whose dependencies settled, completes the saga when
 * every step settled, and winds it down (compensating in reverse dependency order) after a failure.
 */
final class Progress {
    /** What an abandoned in-flight step's history says about the reply it may still get. */
    private static final String LATE_REPLY = "; abandoned in flight: a reply that comes later is recorded and ignored";
    private final Run run;
    private final Attempts attempts;
    private final Maps maps;

    Progress(Run run) {
        this.run = run;
        this.attempts = new Attempts(run, this);
        this.maps = new Maps(run, this);
    }

    Attempts attempts() {
        return attempts;
    }

    Maps maps() {
        return maps;
    }

    /** Goes as far as the saga can go now. */
    void settle() {
        SagaStatus before;
        do {
            before = run.status();
            if (before == SagaStatus.RUNNING) {
                dispatchReady();
                if (run.status() == SagaStatus.RUNNING) {
                    completeIfDone();
                }
            } else if (before == SagaStatus.COMPENSATING) {
                compensateReady();
            }
        } while (run.status() != before);
    }

    // ---- forward ----

    private void dispatchReady() {
        boolean progressed = true;
        while (progressed && run.status() == SagaStatus.RUNNING) {
            progressed = false;
            for (int i = 0; i < run.size() && run.status() == SagaStatus.RUNNING; i++) {
                if (run.stepStatus(i) == StepStatus.PENDING && dependenciesSettled(i)) {
                    start(i);
                    progressed = true;
                } else if (run.stepStatus(i) == StepStatus.RUNNING && Maps.isMap(run, i)) {
                    StepStatus before = run.stepStatus(i);
                    maps.advance(i);
                    progressed |= run.stepStatus(i) != before;
                }
            }
        }
    }

    private boolean dependenciesSettled(int i) {
        for (int d : run.plan.dependencies(i)) {
            if (!settledForward(d)) {
                return false;
            }
        }
        return true;
    }

    /** Completed, skipped, or failed while optional: its dependents may go. */
    private boolean settledForward(int i) {
        StepStatus s = run.stepStatus(i);
        return s == StepStatus.COMPLETED || s == StepStatus.SKIPPED
                || s == StepStatus.FAILED && run.plan.step(i).definition().optional();
    }

    private void start(int i) {
        Plan.CompiledStep step = run.plan.step(i);
        if (run.step(i).attempt() == 0 && step.when() != null && !step.when().holds(run)) {
            run.moveStep(i, Trigger.CONDITION_FALSE, 0, "condition is false: " + step.definition().when());
            return;
        }
        StepKind kind = step.definition().kind();
        if (kind instanceof StepKind.Task || kind instanceof StepKind.SubSaga) {
            attempts.dispatch(i);
        } else if (kind instanceof StepKind.ForEach) {
            maps.start(i);
        } else if (kind instanceof StepKind.Publish publish) {
            publish(i, publish);
        } else if (kind instanceof StepKind.Wait wait) {
            int attempt = beginAttempt(i, null);
            run.moveStep(i, Trigger.WAIT_STARTED, attempt, "waiting " + wait.duration());
            run.setTimer(new TimerId(TimerKind.WAIT, step.id(), attempt), wait.duration());
        } else if (kind instanceof StepKind.AwaitEvent event) {
            awaitEvent(i, event);
        } else if (kind instanceof StepKind.Terminate terminate) {
            terminate(i, terminate);
        }
    }

    int beginAttempt(int i, JsonNode input) {
        int attempt = run.step(i).attempt() + 1;
        run.updateStep(i, s -> s.withAttempt(attempt, input).withError(null));
        return attempt;
    }

    /**
     * Sends the step's record and completes the step. The resolved record is the attempt's input, so the saga's
     * state size bounds it like a command's payload.
     */
    private void publish(int i, StepKind.Publish publish) {
        Plan.CompiledStep step = run.plan.step(i);
        JsonNode record = step.input().resolve(run);
        int attempt = beginAttempt(i, record);
        Command.Publish command = PublishedRecords.command(run.sagaId, step.id(), attempt, publish.topic(), record);
        run.send(command);
        run.updateStep(i, s -> s.withOutput(PublishedRecords.output(command)));
        run.moveStep(i, Trigger.PUBLISHED, attempt, "published to topic " + publish.topic());
    }

    private void awaitEvent(int i, StepKind.AwaitEvent event) {
        Plan.CompiledStep step = run.plan.step(i);
        JsonNode key = step.extra() == null ? null : step.extra().resolve(run);
        ObjectNode awaited = JsonNodeFactory.instance.objectNode().put("event", event.eventType());
        awaited.put("correlationKey", key == null || key.isNull() ? null : key.asText());
        int attempt = beginAttempt(i, awaited);
        run.moveStep(i, Trigger.WAIT_STARTED, attempt, "waiting for event " + event.eventType());
        if (event.timeout() != null) {
            run.setTimer(new TimerId(TimerKind.EVENT_TIMEOUT, step.id(), attempt), event.timeout());
        }
        Optional<SagaInput.ExternalEvent> early = run.inbox().stream().filter(e -> awaits(i, e)).findFirst();
        early.ifPresent(e -> {
            run.consume(e);
            receive(i, e);
        });
    }

    /** Whether step {@code i} is waiting for this event. */
    boolean awaits(int i, SagaInput.ExternalEvent event) {
        StepState s = run.step(i);
        if (s.status() != StepStatus.WAITING
                || !(run.plan.step(i).definition().kind() instanceof StepKind.AwaitEvent awaited)
                || !awaited.eventType().equals(event.eventType())) {
            return false;
        }
        JsonNode key = s.input().get("correlationKey");
        return key == null || key.isNull() || key.asText().equals(event.correlationKey());
    }

    void receive(int i, SagaInput.ExternalEvent event) {
        run.cancelStepTimers(run.step(i).id());
        run.updateStep(i, s -> s.withOutput(event.payload()));
        run.moveStep(i, Trigger.EVENT_RECEIVED, run.step(i).attempt(), "event " + event.eventType());
    }

    private void terminate(int i, StepKind.Terminate terminate) {
        int attempt = beginAttempt(i, null);
        run.moveStep(i, Trigger.TERMINATE, attempt, "terminate " + terminate.outcome());
        if (terminate.outcome() == StepKind.Terminate.Outcome.FAILED) {
            String reason = terminate.reason() == null ? "terminated as failed" : terminate.reason();
            failSaga(Trigger.STEP_FAILED, "step '" + run.step(i).id() + "' terminated the saga: " + reason);
            return;
        }
        Plan.CompiledStep step = run.plan.step(i);
        if (step.extra() != null) {
            run.output(step.extra().resolve(run));
        }
        for (int j = 0; j < run.size(); j++) {
            if (run.stepStatus(j) == StepStatus.PENDING) {
                run.moveStep(j, Trigger.TERMINATED, run.step(j).attempt(), "step '" + step.id() + "' ended the saga");
            }
        }
    }

    private void completeIfDone() {
        for (int i = 0; i < run.size(); i++) {
            if (!settledForward(i)) {
                return;
            }
        }
        if (run.output() == null) {
            run.output(run.plan.output() != null ? run.plan.output().resolve(run) : defaultOutput());
        }
        run.cancelAllTimers();
        run.moveSaga(Trigger.ALL_STEPS_SETTLED, Route.ALWAYS, null);
    }

    private JsonNode defaultOutput() {
        ObjectNode out = JsonNodeFactory.instance.objectNode();
        for (int i = 0; i < run.size(); i++) {
            StepState s = run.step(i);
            if (s.status() == StepStatus.COMPLETED && s.output() != null) {
                out.set(s.id(), s.output());
            }
        }
        return out;
    }

    // ---- failure ----

    /** A step failed for good: the saga winds down unless the step is optional or the saga already is. */
    void stepFailed(int i, String reason) {
        SagaStatus status = run.status();
        if (!run.plan.step(i).definition().optional()
                && (status == SagaStatus.RUNNING || status == SagaStatus.PAUSED)) {
            failSaga(Trigger.STEP_FAILED, "step '" + run.step(i).id() + "' failed: " + reason);
        }
    }

    /**
     * Winds the saga down: compensating ({@code COMPENSATE} route) or stopping ({@code STOP} route). Steps waiting
     * on a timer or an event stop at once. Steps waiting on a reply are waited for (their outcome decides whether
     * they are compensated), except when the saga timed out: a saga timeout bounds the saga, so its in-flight steps
     * are abandoned too, and a reply that comes later is recorded and ignored.
     */
    void failSaga(Trigger trigger, String reason) {
        Route route = trigger == Trigger.CANCEL ? Route.ALWAYS
                : run.pivotCompleted() || run.plan.definition().failurePolicy() == FailurePolicy.FAIL
                ? Route.STOP : Route.COMPENSATE;
        run.moveSaga(trigger, route, reason);
        run.error(reason);
        run.cancelTimer(TimerId.sagaTimeout(run.round()));
        boolean inFlightToo = trigger == Trigger.SAGA_TIMEOUT;
        for (int i = 0; i < run.size(); i++) {
            abandon(i, reason, inFlightToo);
        }
    }

    private void abandon(int i, String reason, boolean inFlightToo) {
        StepState s = run.step(i);
        boolean child = run.plan.step(i).definition().kind() instanceof StepKind.SubSaga;
        if (s.status() == StepStatus.RETRY_WAIT || s.status() == StepStatus.WAITING) {
            run.cancelStepTimers(s.id());
            run.moveStep(i, Trigger.ABANDONED, s.attempt(), reason);
        } else if (s.status() == StepStatus.RUNNING && Maps.isMap(run, i)) {
            if (inFlightToo) {
                maps.abandonInFlight(i, reason + LATE_REPLY);
            }
            maps.abandonWaiting(i, reason);
            maps.advance(i);
        } else if (s.status() == StepStatus.RUNNING) {
            if (child) {
                cancelChild(i, reason);
            }
            if (inFlightToo) {
                run.cancelStepTimers(s.id());
                run.moveStep(i, Trigger.ABANDONED, s.attempt(), reason + LATE_REPLY);
            }
        }
    }

    /** Asks the running child saga of step {@code i} (its latest attempt) to cancel. */
    void cancelChild(int i, String reason) {
        StepState s = run.step(i);
        run.send(new Command.CancelChild(Command.id(run.sagaId, s.id(), s.attempt(), CommandKind.CANCEL),
                run.sagaId, s.id(), s.attempt(), Attempts.childId(run.sagaId, s.id(), s.attempt()), reason));
    }

    // ---- compensation ----

    private void compensateReady() {
        boolean exhausted = false;
        for (int i = 0; i < run.size(); i++) {
            if (run.stepStatus(i) == StepStatus.RUNNING || maps.actionInFlight(i)) {
                return;
            }
            exhausted |= run.stepStatus(i) == StepStatus.COMPENSATION_FAILED
                    || Maps.isMap(run, i) && maps.undo().exhausted(i);
        }
        if (!exhausted) {
            for (int i = run.size() - 1; i >= 0; i--) {
                if (needsCompensation(i) && !descendantStillToUndo(i)) {
                    compensate(i);
                }
            }
        }
        boolean busy = false;
        boolean owed = false;
        for (int i = 0; i < run.size(); i++) {
            busy |= compensationInFlight(i);
            owed |= needsCompensation(i);
        }
        if (!busy && (exhausted || !owed)) {
            run.cancelAllTimers();
            run.moveSaga(exhausted ? Trigger.COMPENSATION_EXHAUSTED : Trigger.COMPENSATIONS_DONE, Route.ALWAYS, null);
        }
    }

    private void compensate(int i) {
        if (Maps.isMap(run, i)) {
            maps.undo().compensate(i);
        } else {
            attempts.compensate(i, Trigger.COMPENSATE);
        }
    }

    private boolean needsCompensation(int i) {
        if (Maps.isMap(run, i)) {
            return maps.undo().needed(i);
        }
        return run.stepStatus(i) == StepStatus.COMPLETED && run.plan.step(i).compensation() != null;
    }

    private boolean compensationInFlight(int i) {
        if (Maps.isMap(run, i)) {
            return maps.undo().inFlight(i);
        }
        StepStatus s = run.stepStatus(i);
        return s == StepStatus.COMPENSATING || s == StepStatus.COMPENSATION_RETRY_WAIT;
    }

    private boolean descendantStillToUndo(int i) {
        BitSet descendants = run.plan.descendants(i);
        for (int d = descendants.nextSetBit(0); d >= 0; d = descendants.nextSetBit(d + 1)) {
            if (needsCompensation(d) || compensationInFlight(d)) {
                return true;
            }
        }
        return false;
    }
}
