package dev.skald.saga.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.skald.saga.definition.Bounds;
import dev.skald.saga.definition.Compensation;
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
import java.util.Optional;

/**
 * Runs map steps: one command per element, at most {@code concurrency} in flight, each element attempted and retried
 * on its own with attempt numbers from the step's sequence. The step completes when every element did, with their
 * outputs in order; the first element that fails for good fails it. Compensation undoes the completed elements in
 * reverse index order.
 */
final class Maps {
    private final Run run;
    private final Progress progress;

    Maps(Run run, Progress progress) {
        this.run = run;
        this.progress = progress;
    }

    static boolean isMap(Run run, int i) {
        return run.plan.step(i).definition().kind() instanceof StepKind.ForEach;
    }

    private StepKind.ForEach kind(int i) {
        return (StepKind.ForEach) run.plan.step(i).definition().kind();
    }

    // ---- forward ----

    /** Starts a pending map step: resolves its items and dispatches the first elements, or resumes after a retry. */
    void start(int i) {
        StepState s = run.step(i);
        boolean resuming = !s.elements().isEmpty();
        JsonNode items = resuming ? s.input() : run.plan.step(i).extra().resolve(run);
        run.updateStep(i, st -> st.withAttempt(st.attempt(), items).withError(null));
        run.moveStep(i, Trigger.DISPATCH, s.attempt(), "map over " + (items.isArray() ? items.size() + " elements"
                : "a " + items.getNodeType().name().toLowerCase(java.util.Locale.ROOT)));
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
        StepKind.ForEach each = kind(i);
        if (each.timeout() != null) {
            run.setTimer(new TimerId(TimerKind.STEP_TIMEOUT, s.id(), run.step(i).attemptBase()), each.timeout());
        }
        advance(i);
    }

    private String itemsProblem(int i, JsonNode items) {
        String source = kind(i).items();
        if (!items.isArray()) {
            return "items " + source + " must be an array, was " + (items.isNull() ? "null (missing)"
                    : "a " + items.getNodeType().name().toLowerCase(java.util.Locale.ROOT));
        }
        if (items.size() > Bounds.MAX_MAP_ELEMENTS) {
            return "items " + source + " has " + items.size() + " elements; a map step runs at most "
                    + Bounds.MAX_MAP_ELEMENTS;
        }
        return null;
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
        if (s.elements().stream().allMatch(e -> e.status() == StepStatus.COMPLETED)) {
            ArrayNode outputs = JsonNodeFactory.instance.arrayNode();
            s.elements().forEach(e -> outputs.add(e.output() == null ? JsonNodeFactory.instance.nullNode() : e.output()));
            progress.attempts().succeeded(i, outputs);
            return;
        }
        if (run.status() == SagaStatus.RUNNING) {
            fill(i);
        } else if (run.status() != SagaStatus.PAUSED && count(i, StepStatus.RUNNING) == 0) {
            abandonWaiting(i, "the saga is winding down");
            run.moveStep(i, Trigger.ABANDONED, s.attempt(), "the saga is winding down; "
                    + count(i, StepStatus.COMPLETED) + " of " + s.elements().size() + " elements completed");
        }
    }

    private void fill(int i) {
        int free = kind(i).concurrency() - count(i, StepStatus.RUNNING) - count(i, StepStatus.RETRY_WAIT);
        List<MapElement> elements = run.step(i).elements();
        for (int e = 0; e < elements.size() && free > 0; e++) {
            if (elements.get(e).status() == StepStatus.PENDING) {
                dispatch(i, e);
                free--;
            }
        }
    }

    private int count(int i, StepStatus status) {
        return (int) run.step(i).elements().stream().filter(e -> e.status() == status).count();
    }

    private void dispatch(int i, int e) {
        StepKind.ForEach each = kind(i);
        int attempt = run.step(i).attempt() + 1;
        run.updateStep(i, st -> st.withAttempt(attempt, st.input()));
        run.updateElement(i, e, el -> el.attempted(attempt));
        run.moveElement(i, e, Trigger.DISPATCH, attempt, each.participant() + "/" + each.commandType());
        run.send(action(i, e, attempt));
        if (each.responseTimeout() != null) {
            run.setTimer(new TimerId(TimerKind.RESPONSE_TIMEOUT, run.step(i).id(), attempt), each.responseTimeout());
        }
    }

    private Command action(int i, int e, int attempt) {
        StepKind.ForEach each = kind(i);
        String id = run.step(i).id();
        return new Command.ToParticipant(Command.id(run.sagaId, id, attempt, CommandKind.ACTION), run.sagaId, id,
                attempt, CommandKind.ACTION, each.participant(), each.commandType(), elementInput(i, e));
    }

    private JsonNode elementInput(int i, int e) {
        return run.plan.step(i).input().resolve(new ElementScope(run, i, e, null, null));
    }

    // ---- replies and timers ----

    /** Applies a reply to an element's attempt; false when no element waits on that attempt. */
    boolean reply(int i, SagaInput.Reply reply) {
        if (reply.kind() == CommandKind.ACTION) {
            Optional<Integer> e = element(i, StepStatus.RUNNING, reply.attempt(), false);
            e.ifPresent(el -> actionReply(i, el, reply));
            return e.isPresent();
        }
        Optional<Integer> e = element(i, StepStatus.COMPENSATING, reply.attempt(), true);
        e.ifPresent(el -> compensationReply(i, el, reply));
        return e.isPresent();
    }

    private void actionReply(int i, int e, SagaInput.Reply reply) {
        switch (reply.outcome()) {
            case SUCCESS -> succeeded(i, e, reply.output());
            case BUSINESS_FAILURE -> failedForGood(i, e, Trigger.BUSINESS_FAILURE, Machine.errorOf(reply));
            case RETRIABLE_FAILURE -> failedRetriably(i, e, Trigger.RETRIABLE_FAILURE, Machine.errorOf(reply));
            case IN_PROGRESS -> restartTimer(i, TimerKind.RESPONSE_TIMEOUT, reply.attempt(),
                    kind(i).responseTimeout());
        }
    }

    private void compensationReply(int i, int e, SagaInput.Reply reply) {
        Compensation undo = kind(i).undo();
        switch (reply.outcome()) {
            case SUCCESS -> compensated(i, e);
            case BUSINESS_FAILURE -> compensationFailed(i, e, Trigger.BUSINESS_FAILURE, Machine.errorOf(reply));
            case RETRIABLE_FAILURE -> compensationFailed(i, e, Trigger.RETRIABLE_FAILURE, Machine.errorOf(reply));
            case IN_PROGRESS -> restartTimer(i, TimerKind.COMPENSATION_TIMEOUT, reply.attempt(), undo.responseTimeout());
        }
    }

    private void restartTimer(int i, TimerKind kind, int attempt, java.time.Duration after) {
        if (after != null) {
            TimerId timer = new TimerId(kind, run.step(i).id(), attempt);
            run.cancelTimer(timer);
            run.setTimer(timer, after);
        }
    }

    /** Applies an element's timer; false when no element is in the state the timer was set for. */
    boolean timer(int i, TimerId timer) {
        return switch (timer.kind()) {
            case RETRY -> element(i, StepStatus.RETRY_WAIT, timer.attempt(), false).map(e -> {
                run.moveElement(i, e, Trigger.RETRY_DUE, timer.attempt(), null);
                advance(i);
                return true;
            }).orElse(false);
            case RESPONSE_TIMEOUT -> element(i, StepStatus.RUNNING, timer.attempt(), false).map(e -> {
                failedRetriably(i, e, Trigger.RESPONSE_TIMEOUT, "no reply to attempt " + timer.attempt()
                        + " within its response timeout");
                return true;
            }).orElse(false);
            case COMPENSATION_RETRY -> element(i, StepStatus.COMPENSATION_RETRY_WAIT, timer.attempt(), true).map(e -> {
                compensateElement(i, e, Trigger.RETRY_DUE);
                return true;
            }).orElse(false);
            case COMPENSATION_TIMEOUT -> element(i, StepStatus.COMPENSATING, timer.attempt(), true).map(e -> {
                compensationFailed(i, e, Trigger.RESPONSE_TIMEOUT, "no reply to compensation attempt "
                        + timer.attempt() + " within its response timeout");
                return true;
            }).orElse(false);
            case STEP_TIMEOUT -> {
                StepState s = run.step(i);
                if (s.status() != StepStatus.RUNNING || s.attemptBase() != timer.attempt()) {
                    yield false;
                }
                fail(i, Trigger.STEP_TIMEOUT, "step timed out over all its elements");
                yield true;
            }
            default -> false;
        };
    }

    private Optional<Integer> element(int i, StepStatus status, int attempt, boolean compensation) {
        List<MapElement> elements = run.step(i).elements();
        for (int e = 0; e < elements.size(); e++) {
            MapElement el = elements.get(e);
            if (el.status() == status && (compensation ? el.compensationAttempt() : el.attempt()) == attempt) {
                return Optional.of(e);
            }
        }
        return Optional.empty();
    }

    private void succeeded(int i, int e, JsonNode output) {
        int attempt = run.step(i).elements().get(e).attempt();
        run.cancelTimer(new TimerId(TimerKind.RESPONSE_TIMEOUT, run.step(i).id(), attempt));
        run.updateElement(i, e, el -> el.withOutput(output).withError(null));
        run.moveElement(i, e, Trigger.SUCCESS, attempt, null);
        advance(i);
    }

    private void failedForGood(int i, int e, Trigger trigger, String error) {
        int attempt = run.step(i).elements().get(e).attempt();
        run.cancelTimer(new TimerId(TimerKind.RESPONSE_TIMEOUT, run.step(i).id(), attempt));
        run.updateElement(i, e, el -> el.withError(error));
        run.moveElement(i, e, trigger, attempt, error);
        if (run.step(i).status() == StepStatus.RUNNING) {
            fail(i, trigger, "element " + e + " failed: " + error);
        }
        advance(i);
    }

    private void failedRetriably(int i, int e, Trigger trigger, String error) {
        MapElement el = run.step(i).elements().get(e);
        String id = run.step(i).id();
        run.cancelTimer(new TimerId(TimerKind.RESPONSE_TIMEOUT, id, el.attempt()));
        boolean live = run.status() == SagaStatus.RUNNING || run.status() == SagaStatus.PAUSED;
        if (!live || run.step(i).status() != StepStatus.RUNNING) {
            run.updateElement(i, e, x -> x.withError(error));
            run.moveElement(i, e, Trigger.ABANDONED, el.attempt(), "not retried, the step is winding down: " + error);
            advance(i);
            return;
        }
        int max = kind(i).retry().maxAttempts();
        if (el.attempts() >= max) {
            failedForGood(i, e, Trigger.ATTEMPTS_EXHAUSTED, error + " (attempt " + el.attempts() + " of " + max + ")");
            return;
        }
        run.updateElement(i, e, x -> x.withError(error));
        run.moveElement(i, e, trigger, el.attempt(), error);
        run.setTimer(new TimerId(TimerKind.RETRY, id, el.attempt()),
                kind(i).retry().delayAfter(el.attempts(), progress.attempts().seed(id, el.attempt())));
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
        List<MapElement> elements = run.step(i).elements();
        for (int e = 0; e < elements.size(); e++) {
            MapElement el = elements.get(e);
            if (el.status() == StepStatus.RETRY_WAIT) {
                run.cancelTimer(new TimerId(TimerKind.RETRY, run.step(i).id(), el.attempt()));
                run.moveElement(i, e, Trigger.ABANDONED, el.attempt(), reason);
            }
        }
    }

    /** Whether an element of this map step still waits on its action's reply. */
    boolean actionInFlight(int i) {
        return isMap(run, i) && count(i, StepStatus.RUNNING) > 0;
    }

    // ---- compensation ----

    /** Whether completed elements of this map step wait to be compensated. */
    boolean needsCompensation(int i) {
        StepStatus s = run.stepStatus(i);
        boolean settled = s == StepStatus.COMPLETED || s == StepStatus.COMPENSATING || s == StepStatus.FAILED
                || s == StepStatus.CANCELLED;
        return settled && kind(i).undo() != null && count(i, StepStatus.COMPLETED) > 0;
    }

    /** Whether a compensation of an element of this map step is in flight or waiting to retry. */
    boolean compensationInFlight(int i) {
        return count(i, StepStatus.COMPENSATING) + count(i, StepStatus.COMPENSATION_RETRY_WAIT) > 0;
    }

    /** Whether the compensation of an element of this map step failed for good. */
    boolean compensationExhausted(int i) {
        return count(i, StepStatus.COMPENSATION_FAILED) > 0;
    }

    /** Dispatches compensations of completed elements, highest index first, up to the concurrency. */
    void compensate(int i) {
        if (run.stepStatus(i) == StepStatus.COMPLETED) {
            run.moveStep(i, Trigger.COMPENSATE, run.step(i).compensationAttempt(),
                    count(i, StepStatus.COMPLETED) + " elements to undo");
        }
        int free = kind(i).concurrency() - count(i, StepStatus.COMPENSATING)
                - count(i, StepStatus.COMPENSATION_RETRY_WAIT);
        List<MapElement> elements = run.step(i).elements();
        for (int e = elements.size() - 1; e >= 0 && free > 0; e--) {
            if (elements.get(e).status() == StepStatus.COMPLETED) {
                compensateElement(i, e, Trigger.COMPENSATE);
                free--;
            }
        }
    }

    private void compensateElement(int i, int e, Trigger trigger) {
        Compensation undo = kind(i).undo();
        String id = run.step(i).id();
        int attempt = run.step(i).compensationAttempt() + 1;
        run.updateStep(i, s -> s.withCompensationAttempt(attempt));
        run.updateElement(i, e, el -> el.compensationAttempted(attempt));
        run.moveElement(i, e, trigger, attempt, undo.participant() + "/" + undo.commandType());
        run.send(compensation(i, e, attempt));
        if (undo.responseTimeout() != null) {
            run.setTimer(new TimerId(TimerKind.COMPENSATION_TIMEOUT, id, attempt), undo.responseTimeout());
        }
    }

    private Command compensation(int i, int e, int attempt) {
        Compensation undo = kind(i).undo();
        String id = run.step(i).id();
        MapElement el = run.step(i).elements().get(e);
        JsonNode payload = run.plan.step(i).compensation()
                .resolve(new ElementScope(run, i, e, el.output(), elementInput(i, e)));
        return new Command.ToParticipant(Command.id(run.sagaId, id, attempt, CommandKind.COMPENSATION), run.sagaId,
                id, attempt, CommandKind.COMPENSATION, undo.participant(), undo.commandType(), payload);
    }

    private void compensated(int i, int e) {
        int attempt = run.step(i).elements().get(e).compensationAttempt();
        run.cancelTimer(new TimerId(TimerKind.COMPENSATION_TIMEOUT, run.step(i).id(), attempt));
        run.moveElement(i, e, Trigger.SUCCESS, attempt, null);
        if (run.stepStatus(i) == StepStatus.COMPENSATING && !needsCompensation(i) && !compensationInFlight(i)) {
            run.moveStep(i, Trigger.SUCCESS, run.step(i).compensationAttempt(), null);
        }
    }

    private void compensationFailed(int i, int e, Trigger trigger, String error) {
        MapElement el = run.step(i).elements().get(e);
        String id = run.step(i).id();
        run.cancelTimer(new TimerId(TimerKind.COMPENSATION_TIMEOUT, id, el.compensationAttempt()));
        run.updateElement(i, e, x -> x.withError(error));
        int max = kind(i).undo().retry().maxAttempts();
        boolean retriable = trigger != Trigger.BUSINESS_FAILURE;
        if (retriable && el.compensationAttempts() < max) {
            run.moveElement(i, e, trigger, el.compensationAttempt(), error);
            run.setTimer(new TimerId(TimerKind.COMPENSATION_RETRY, id, el.compensationAttempt()),
                    kind(i).undo().retry().delayAfter(el.compensationAttempts(),
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

    // ---- operator controls ----

    /** Sends again every element command the step waits on; how many were sent. */
    int resend(int i) {
        int sent = 0;
        List<MapElement> elements = run.step(i).elements();
        String id = run.step(i).id();
        for (int e = 0; e < elements.size(); e++) {
            MapElement el = elements.get(e);
            if (el.status() == StepStatus.RUNNING) {
                run.resend(action(i, e, el.attempt()), id, el.attempt());
                sent++;
            } else if (el.status() == StepStatus.COMPENSATING) {
                run.resend(compensation(i, e, el.compensationAttempt()), id, el.compensationAttempt());
                sent++;
            }
        }
        return sent;
    }

    /** An operator's retry of a failed saga: failed and abandoned elements go again, with a fresh budget. */
    void retryElements(int i) {
        retry(i, StepStatus.FAILED);
        retry(i, StepStatus.CANCELLED);
    }

    /** An operator's retry of a saga whose compensation failed: failed element compensations go again. */
    void retryCompensations(int i) {
        retry(i, StepStatus.COMPENSATION_FAILED);
    }

    private void retry(int i, StepStatus from) {
        List<MapElement> elements = run.step(i).elements();
        for (int e = 0; e < elements.size(); e++) {
            MapElement el = elements.get(e);
            if (el.status() == from) {
                run.updateElement(i, e, MapElement::newRound);
                run.moveElement(i, e, Trigger.RETRY, el.attempt(), null);
            }
        }
    }
}
