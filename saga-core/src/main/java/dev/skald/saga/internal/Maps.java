package dev.skald.saga.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.skald.saga.definition.Bounds;
import dev.skald.saga.definition.StepKind;
import dev.skald.saga.machine.Command;
import dev.skald.saga.machine.CommandKind;
import dev.skald.saga.machine.MapElement;
import dev.skald.saga.machine.SagaInput;
import dev.skald.saga.machine.SagaStatus;
import dev.skald.saga.machine.StepState;
import dev.skald.saga.machine.StepStatus;
import dev.skald.saga.machine.TimerId;
import dev.skald.saga.machine.TimerId.TimerKind;
import dev.skald.saga.machine.Trigger;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Runs map steps forward: one command per element, at most {@code concurrency} in flight, each element attempted and
 * retried on its own with attempt numbers from the step's sequence. The step completes when every element did, with
 * their outputs in order; the first element that fails for good fails it. {@link MapUndo} compensates them.
 */
final class Maps {
    private final Run run;
    private final Progress progress;
    private final MapUndo undo;

    Maps(Run run, Progress progress) {
        this.run = run;
        this.progress = progress;
        this.undo = new MapUndo(run, progress);
    }

    static boolean isMap(Run run, int i) {
        return MapElements.isMap(run, i);
    }

    /** The compensation of map steps. */
    MapUndo undo() {
        return undo;
    }

    private MapElements map(int i) {
        return new MapElements(run, i);
    }

    // ---- forward ----

    /** Starts a pending map step: resolves its items and dispatches the first elements, or resumes after a retry. */
    void start(int i) {
        StepState s = run.step(i);
        boolean resuming = !s.elements().isEmpty();
        JsonNode items = resuming ? s.input() : run.plan.step(i).extra().resolve(run);
        run.updateStep(i, st -> st.withAttempt(st.attempt(), items).withError(null));
        run.moveStep(i, Trigger.DISPATCH, s.attempt(), "map over " + (items.isArray() ? items.size() + " elements"
                : "a " + typeOf(items)));
        String problem = itemsProblem(i, items);
        if (problem != null) {
            fail(i, Trigger.BUSINESS_FAILURE, problem);
            return;
        }
        if (!resuming) {
            List<MapElement> elements = new ArrayList<>(items.size());
            for (int e = 0; e < items.size(); e++) {
                elements.add(MapElement.pending(e));
            }
            run.updateStep(i, st -> st.withElements(elements));
        }
        StepKind.ForEach each = map(i).kind();
        if (each.timeout() != null) {
            run.setTimer(new TimerId(TimerKind.STEP_TIMEOUT, s.id(), run.step(i).attemptBase()), each.timeout());
        }
        advance(i);
    }

    private String itemsProblem(int i, JsonNode items) {
        String source = map(i).kind().items();
        if (!items.isArray()) {
            return "items " + source + " must be an array, was " + (items.isNull() ? "null (missing)"
                    : "a " + typeOf(items));
        }
        if (items.size() > Bounds.MAX_MAP_ELEMENTS) {
            return "items " + source + " has " + items.size() + " elements; a map step runs at most "
                    + Bounds.MAX_MAP_ELEMENTS;
        }
        return null;
    }

    private static String typeOf(JsonNode value) {
        return value.getNodeType().name().toLowerCase(Locale.ROOT);
    }

    /**
     * Moves a running map step on: completes it when every element completed; while the saga runs, dispatches
     * pending elements up to the concurrency; once the saga winds down and nothing is in flight, abandons it.
     */
    void advance(int i) {
        StepState s = run.step(i);
        if (s.status() != StepStatus.RUNNING) {
            return;
        }
        MapElements map = map(i);
        if (map.count(StepStatus.COMPLETED) == map.all().size()) {
            ArrayNode outputs = JsonNodeFactory.instance.arrayNode();
            map.all().forEach(e -> outputs.add(e.output() == null ? JsonNodeFactory.instance.nullNode() : e.output()));
            progress.attempts().succeeded(i, outputs);
            return;
        }
        if (run.status() == SagaStatus.RUNNING) {
            fill(i);
        } else if (run.status() != SagaStatus.PAUSED && map.count(StepStatus.RUNNING) == 0) {
            abandonWaiting(i, "the saga is winding down");
            run.moveStep(i, Trigger.ABANDONED, s.attempt(), "the saga is winding down; "
                    + map.count(StepStatus.COMPLETED) + " of " + map.all().size() + " elements completed");
        }
    }

    private void fill(int i) {
        MapElements map = map(i);
        int free = map.kind().concurrency() - map.count(StepStatus.RUNNING) - map.count(StepStatus.RETRY_WAIT);
        List<MapElement> elements = map.all();
        for (int e = 0; e < elements.size() && free > 0; e++) {
            if (elements.get(e).status() == StepStatus.PENDING) {
                dispatch(i, e);
                free--;
            }
        }
    }

    private void dispatch(int i, int e) {
        StepKind.ForEach each = map(i).kind();
        int attempt = run.step(i).attempt() + 1;
        run.updateStep(i, st -> st.withAttempt(attempt, st.input()));
        run.updateElement(i, e, el -> el.attempted(attempt));
        run.moveElement(i, e, Trigger.DISPATCH, attempt, each.participant() + "/" + each.commandType());
        run.send(action(i, e, attempt));
        run.setTimer(new TimerId(TimerKind.RESPONSE_TIMEOUT, run.step(i).id(), attempt),
                ResponseTimeouts.of(each.responseTimeout()));
    }

    private Command action(int i, int e, int attempt) {
        MapElements map = map(i);
        String id = map.stepId();
        return new Command.ToParticipant(Command.id(run.sagaId, id, attempt, CommandKind.ACTION), run.sagaId, id,
                attempt, CommandKind.ACTION, map.kind().participant(), map.kind().commandType(), map.input(e));
    }

    // ---- replies and timers ----

    /** Applies a reply to an element's attempt or compensation; false when no element waits on that attempt. */
    boolean reply(int i, SagaInput.Reply reply) {
        if (reply.kind() != CommandKind.ACTION) {
            return undo.reply(i, reply);
        }
        MapElements map = map(i);
        return map.find(StepStatus.RUNNING, reply.attempt(), false).map(e -> {
            switch (reply.outcome()) {
                case SUCCESS -> succeeded(i, e, reply.output());
                case BUSINESS_FAILURE -> failedForGood(i, e, Trigger.BUSINESS_FAILURE, Machine.errorOf(reply));
                case RETRIABLE_FAILURE -> failedRetriably(i, e, Trigger.RETRIABLE_FAILURE, Machine.errorOf(reply));
                case IN_PROGRESS -> map.restartTimer(TimerKind.RESPONSE_TIMEOUT, reply.attempt(),
                        ResponseTimeouts.of(map.kind().responseTimeout()));
            }
            return true;
        }).orElse(false);
    }

    /** Applies an element's or the step's timer; false when nothing is in the state the timer was set for. */
    boolean timer(int i, TimerId timer) {
        MapElements map = map(i);
        return switch (timer.kind()) {
            case RETRY -> map.find(StepStatus.RETRY_WAIT, timer.attempt(), false).map(e -> {
                run.moveElement(i, e, Trigger.RETRY_DUE, timer.attempt(), null);
                advance(i);
                return true;
            }).orElse(false);
            case RESPONSE_TIMEOUT -> map.find(StepStatus.RUNNING, timer.attempt(), false).map(e -> {
                failedRetriably(i, e, Trigger.RESPONSE_TIMEOUT, "no reply to attempt " + timer.attempt()
                        + " within its response timeout");
                return true;
            }).orElse(false);
            case COMPENSATION_RETRY, COMPENSATION_TIMEOUT -> undo.timer(i, timer);
            case STEP_TIMEOUT -> stepTimeout(i, timer);
            default -> false;
        };
    }

    private boolean stepTimeout(int i, TimerId timer) {
        StepState s = run.step(i);
        if (s.status() != StepStatus.RUNNING || s.attemptBase() != timer.attempt()) {
            return false;
        }
        fail(i, Trigger.STEP_TIMEOUT, "step timed out over all its elements");
        return true;
    }

    private void succeeded(int i, int e, JsonNode output) {
        int attempt = map(i).get(e).attempt();
        run.cancelTimer(new TimerId(TimerKind.RESPONSE_TIMEOUT, run.step(i).id(), attempt));
        run.updateElement(i, e, el -> el.withOutput(output).withError(null));
        run.moveElement(i, e, Trigger.SUCCESS, attempt, null);
        advance(i);
    }

    private void failedForGood(int i, int e, Trigger trigger, String error) {
        int attempt = map(i).get(e).attempt();
        run.cancelTimer(new TimerId(TimerKind.RESPONSE_TIMEOUT, run.step(i).id(), attempt));
        run.updateElement(i, e, el -> el.withError(error));
        run.moveElement(i, e, trigger, attempt, error);
        if (run.step(i).status() == StepStatus.RUNNING) {
            fail(i, trigger, "element " + e + " failed: " + error);
        }
        advance(i);
    }

    private void failedRetriably(int i, int e, Trigger trigger, String error) {
        MapElements map = map(i);
        MapElement el = map.get(e);
        String id = map.stepId();
        run.cancelTimer(new TimerId(TimerKind.RESPONSE_TIMEOUT, id, el.attempt()));
        boolean live = run.status() == SagaStatus.RUNNING || run.status() == SagaStatus.PAUSED;
        if (!live || run.step(i).status() != StepStatus.RUNNING) {
            run.updateElement(i, e, x -> x.withError(error));
            run.moveElement(i, e, Trigger.ABANDONED, el.attempt(), "not retried, the step is winding down: " + error);
            advance(i);
            return;
        }
        int max = map.kind().retry().maxAttempts();
        if (el.attempts() >= max) {
            failedForGood(i, e, Trigger.ATTEMPTS_EXHAUSTED, error + " (attempt " + el.attempts() + " of " + max + ")");
            return;
        }
        run.updateElement(i, e, x -> x.withError(error));
        run.moveElement(i, e, trigger, el.attempt(), error);
        run.setTimer(new TimerId(TimerKind.RETRY, id, el.attempt()),
                map.kind().retry().delayAfter(el.attempts(), progress.attempts().seed(id, el.attempt())));
    }

    /**
     * Fails a running map step for good: no element is dispatched any more, those waiting to retry are abandoned,
     * those in flight are awaited (their replies settle them) as a running step of a failing saga is.
     */
    private void fail(int i, Trigger trigger, String reason) {
        StepState s = run.step(i);
        run.cancelTimer(new TimerId(TimerKind.STEP_TIMEOUT, s.id(), s.attemptBase()));
        abandonWaiting(i, reason);
        run.updateStep(i, st -> st.withError(reason));
        run.moveStep(i, trigger, s.attempt(), reason);
        progress.stepFailed(i, reason);
    }

    /** Abandons the elements waiting to retry (the saga or the step winds down). */
    void abandonWaiting(int i, String reason) {
        abandon(i, StepStatus.RETRY_WAIT, TimerKind.RETRY, reason);
    }

    /**
     * Abandons the elements waiting on their action's reply (when the saga timed out): they end {@code CANCELLED}, and
     * a reply that comes later finds no element waiting on it.
     */
    void abandonInFlight(int i, String reason) {
        abandon(i, StepStatus.RUNNING, TimerKind.RESPONSE_TIMEOUT, reason);
    }

    /** Abandons the elements in {@code status}, cancelling the timer of that kind each of them holds. */
    private void abandon(int i, StepStatus status, TimerKind timer, String reason) {
        List<MapElement> elements = map(i).all();
        for (int e = 0; e < elements.size(); e++) {
            MapElement el = elements.get(e);
            if (el.status() == status) {
                run.cancelTimer(new TimerId(timer, run.step(i).id(), el.attempt()));
                run.moveElement(i, e, Trigger.ABANDONED, el.attempt(), reason);
            }
        }
    }

    /** Whether an element of this map step still waits on its action's reply. */
    boolean actionInFlight(int i) {
        return isMap(run, i) && map(i).count(StepStatus.RUNNING) > 0;
    }

    // ---- operator controls ----

    /** Sends again every element command (action or compensation) the step waits on; how many were sent. */
    int resend(int i) {
        int sent = 0;
        List<MapElement> elements = map(i).all();
        String id = run.step(i).id();
        for (int e = 0; e < elements.size(); e++) {
            MapElement el = elements.get(e);
            if (el.status() == StepStatus.RUNNING) {
                run.resend(action(i, e, el.attempt()), id, el.attempt());
                sent++;
            } else if (el.status() == StepStatus.COMPENSATING) {
                run.resend(undo.command(i, e, el.compensationAttempt()), id, el.compensationAttempt());
                sent++;
            }
        }
        return sent;
    }

    /** An operator's retry of a failed saga: failed and abandoned elements go again, with a fresh budget. */
    void retryElements(int i) {
        map(i).retry(StepStatus.FAILED);
        map(i).retry(StepStatus.CANCELLED);
    }
}
