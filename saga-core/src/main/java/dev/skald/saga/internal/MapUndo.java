package dev.skald.saga.internal;

import com.fasterxml.jackson.databind.JsonNode;
import dev.skald.saga.definition.Compensation;
import dev.skald.saga.machine.Command;
import dev.skald.saga.machine.CommandKind;
import dev.skald.saga.machine.MapElement;
import dev.skald.saga.machine.SagaInput;
import dev.skald.saga.machine.StepStatus;
import dev.skald.saga.machine.TimerId;
import dev.skald.saga.machine.TimerId.TimerKind;
import dev.skald.saga.machine.Trigger;
import java.util.List;

/**
 * Compensates map steps: undoes the completed elements, highest index first, at most {@code concurrency} at a time,
 * each compensation attempted and retried on its own with attempt numbers from the step's compensation sequence.
 */
final class MapUndo {
    private final Run run;
    private final Progress progress;

    MapUndo(Run run, Progress progress) {
        this.run = run;
        this.progress = progress;
    }

    /** Whether completed elements of this map step wait to be compensated. */
    boolean needed(int i) {
        StepStatus s = run.stepStatus(i);
        boolean settled = s == StepStatus.COMPLETED || s == StepStatus.COMPENSATING || s == StepStatus.FAILED
                || s == StepStatus.CANCELLED;
        MapElements map = new MapElements(run, i);
        return settled && map.kind().undo() != null && map.count(StepStatus.COMPLETED) > 0;
    }

    /** Whether a compensation of an element of this map step is in flight or waiting to retry. */
    boolean inFlight(int i) {
        MapElements map = new MapElements(run, i);
        return map.count(StepStatus.COMPENSATING) + map.count(StepStatus.COMPENSATION_RETRY_WAIT) > 0;
    }

    /** Whether the compensation of an element of this map step failed for good. */
    boolean exhausted(int i) {
        return new MapElements(run, i).count(StepStatus.COMPENSATION_FAILED) > 0;
    }

    /** Dispatches compensations of completed elements, highest index first, up to the concurrency. */
    void compensate(int i) {
        MapElements map = new MapElements(run, i);
        if (run.stepStatus(i) == StepStatus.COMPLETED) {
            run.moveStep(i, Trigger.COMPENSATE, run.step(i).compensationAttempt(),
                    map.count(StepStatus.COMPLETED) + " elements to undo");
        }
        int free = map.kind().concurrency() - map.count(StepStatus.COMPENSATING)
                - map.count(StepStatus.COMPENSATION_RETRY_WAIT);
        List<MapElement> elements = map.all();
        for (int e = elements.size() - 1; e >= 0 && free > 0; e--) {
            if (elements.get(e).status() == StepStatus.COMPLETED) {
                compensateElement(i, e, Trigger.COMPENSATE);
                free--;
            }
        }
    }

    private void compensateElement(int i, int e, Trigger trigger) {
        Compensation undo = new MapElements(run, i).kind().undo();
        int attempt = run.step(i).compensationAttempt() + 1;
        run.updateStep(i, s -> s.withCompensationAttempt(attempt));
        run.updateElement(i, e, el -> el.compensationAttempted(attempt));
        run.moveElement(i, e, trigger, attempt, undo.participant() + "/" + undo.commandType());
        run.send(command(i, e, attempt));
        run.setTimer(new TimerId(TimerKind.COMPENSATION_TIMEOUT, run.step(i).id(), attempt),
                ResponseTimeouts.of(undo.responseTimeout()));
    }

    /** The compensation command of an element: the same id and payload every time it is built. */
    Command command(int i, int e, int attempt) {
        MapElements map = new MapElements(run, i);
        Compensation undo = map.kind().undo();
        String id = map.stepId();
        JsonNode payload = run.plan.step(i).compensation()
                .resolve(new ElementScope(run, i, e, map.get(e).output(), map.input(e)));
        return new Command.ToParticipant(Command.id(run.sagaId, id, attempt, CommandKind.COMPENSATION), run.sagaId,
                id, attempt, CommandKind.COMPENSATION, undo.participant(), undo.commandType(), payload);
    }

    /** Applies a reply to an element's compensation attempt; false when no element waits on that attempt. */
    boolean reply(int i, SagaInput.Reply reply) {
        MapElements map = new MapElements(run, i);
        return map.find(StepStatus.COMPENSATING, reply.attempt(), true).map(e -> {
            switch (reply.outcome()) {
                case SUCCESS -> compensated(i, e);
                case BUSINESS_FAILURE -> failed(i, e, Trigger.BUSINESS_FAILURE, Machine.errorOf(reply));
                case RETRIABLE_FAILURE -> failed(i, e, Trigger.RETRIABLE_FAILURE, Machine.errorOf(reply));
                case IN_PROGRESS -> map.restartTimer(TimerKind.COMPENSATION_TIMEOUT, reply.attempt(),
                        ResponseTimeouts.of(map.kind().undo().responseTimeout()));
            }
            return true;
        }).orElse(false);
    }

    /** Applies an element compensation's timer; false when no element is in the state it was set for. */
    boolean timer(int i, TimerId timer) {
        MapElements map = new MapElements(run, i);
        if (timer.kind() == TimerKind.COMPENSATION_RETRY) {
            return map.find(StepStatus.COMPENSATION_RETRY_WAIT, timer.attempt(), true).map(e -> {
                compensateElement(i, e, Trigger.RETRY_DUE);
                return true;
            }).orElse(false);
        }
        return map.find(StepStatus.COMPENSATING, timer.attempt(), true).map(e -> {
            failed(i, e, Trigger.RESPONSE_TIMEOUT, "no reply to compensation attempt " + timer.attempt()
                    + " within its response timeout");
            return true;
        }).orElse(false);
    }

    private void compensated(int i, int e) {
        int attempt = run.step(i).elements().get(e).compensationAttempt();
        run.cancelTimer(new TimerId(TimerKind.COMPENSATION_TIMEOUT, run.step(i).id(), attempt));
        run.moveElement(i, e, Trigger.SUCCESS, attempt, null);
        if (run.stepStatus(i) == StepStatus.COMPENSATING && !needed(i) && !inFlight(i)) {
            run.moveStep(i, Trigger.SUCCESS, run.step(i).compensationAttempt(), null);
        }
    }

    private void failed(int i, int e, Trigger trigger, String error) {
        MapElements map = new MapElements(run, i);
        MapElement el = map.get(e);
        String id = map.stepId();
        run.cancelTimer(new TimerId(TimerKind.COMPENSATION_TIMEOUT, id, el.compensationAttempt()));
        run.updateElement(i, e, x -> x.withError(error));
        Compensation undo = map.kind().undo();
        boolean retriable = trigger != Trigger.BUSINESS_FAILURE;
        if (retriable && el.compensationAttempts() < undo.retry().maxAttempts()) {
            run.moveElement(i, e, trigger, el.compensationAttempt(), error);
            run.setTimer(new TimerId(TimerKind.COMPENSATION_RETRY, id, el.compensationAttempt()),
                    undo.retry().delayAfter(el.compensationAttempts(),
                            progress.attempts().seed(id, -el.compensationAttempt())));
            return;
        }
        Trigger end = retriable ? Trigger.ATTEMPTS_EXHAUSTED : Trigger.BUSINESS_FAILURE;
        run.moveElement(i, e, end, el.compensationAttempt(), error);
        if (run.stepStatus(i) == StepStatus.COMPENSATING) {
            run.updateStep(i, s -> s.withError("element " + e + ": " + error));
            run.moveStep(i, end, run.step(i).compensationAttempt(), "element " + e + ": " + error);
        }
    }

    /** An operator's retry of a saga whose compensation failed: failed element compensations go again. */
    void retry(int i) {
        new MapElements(run, i).retry(StepStatus.COMPENSATION_FAILED);
    }
}
