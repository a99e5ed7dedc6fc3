package dev.skald.saga.internal;

import com.fasterxml.jackson.databind.JsonNode;
import dev.skald.saga.definition.Compensation;
import dev.skald.saga.definition.RetryPolicy;
import dev.skald.saga.definition.StepKind;
import dev.skald.saga.machine.Command;
import dev.skald.saga.machine.CommandKind;
import dev.skald.saga.machine.SagaStatus;
import dev.skald.saga.machine.StepState;
import dev.skald.saga.machine.TimerId;
import dev.skald.saga.machine.TimerId.TimerKind;
import dev.skald.saga.machine.Trigger;
import java.time.Duration;

/** Sends attempts of steps and of their compensations, and handles their outcomes and retries. */
final class Attempts {
    private final Run run;
    private final Progress progress;

    Attempts(Run run, Progress progress) {
        this.run = run;
        this.progress = progress;
    }

    /** The id of the child saga started by an attempt of a sub-saga step. */
    static String childId(String sagaId, String stepId, int attempt) {
        return sagaId + "/" + stepId + "/" + attempt;
    }

    // ---- actions ----

    void dispatch(int i) {
        Plan.CompiledStep step = run.plan.step(i);
        JsonNode payload = step.input().resolve(run);
        int attempt = progress.beginAttempt(i, payload);
        String id = step.id();
        StepKind kind = step.definition().kind();
        Duration stepTimeout;
        if (kind instanceof StepKind.Task task) {
            run.moveStep(i, Trigger.DISPATCH, attempt, task.participant() + "/" + task.commandType());
            run.send(action(i, attempt, payload));
            run.setTimer(new TimerId(TimerKind.RESPONSE_TIMEOUT, id, attempt), ResponseTimeouts.of(task.responseTimeout()));
            stepTimeout = task.timeout();
        } else {
            StepKind.SubSaga sub = (StepKind.SubSaga) kind;
            run.moveStep(i, Trigger.DISPATCH, attempt, "child saga " + childId(run.sagaId, id, attempt));
            run.send(action(i, attempt, payload));
            stepTimeout = sub.timeout();
        }
        StepState s = run.step(i);
        if (stepTimeout != null && s.attemptsInRound() == 1) {
            run.setTimer(new TimerId(TimerKind.STEP_TIMEOUT, id, s.attemptBase()), stepTimeout);
        }
    }

    /** The command of an attempt of a task or sub-saga step: the same id and payload every time it is built. */
    private Command action(int i, int attempt, JsonNode payload) {
        Plan.CompiledStep step = run.plan.step(i);
        String id = step.id();
        String commandId = Command.id(run.sagaId, id, attempt, CommandKind.ACTION);
        if (step.definition().kind() instanceof StepKind.Task task) {
            return new Command.ToParticipant(commandId, run.sagaId, id, attempt, CommandKind.ACTION,
                    task.participant(), task.commandType(), payload);
        }
        StepKind.SubSaga sub = (StepKind.SubSaga) step.definition().kind();
        return new Command.StartChild(commandId, run.sagaId, id, attempt, childId(run.sagaId, id, attempt),
                sub.definition(), sub.version(), payload);
    }

    /**
     * Sends the current attempt of a running task or sub-saga step again, with its original id and input.
     *
     * @return whether the step waits on a command (wait and event steps do not)
     */
    boolean resendAction(int i) {
        StepKind kind = run.plan.step(i).definition().kind();
        if (!(kind instanceof StepKind.Task) && !(kind instanceof StepKind.SubSaga)) {
            return false;
        }
        StepState s = run.step(i);
        run.resend(action(i, s.attempt(), s.input()), s.id(), s.attempt());
        return true;
    }

    /** Sends the current compensation attempt of a compensating step again, with its original id. */
    boolean resendCompensation(int i) {
        StepState s = run.step(i);
        run.resend(compensation(i, s.compensationAttempt()), s.id(), s.compensationAttempt());
        return true;
    }

    void succeeded(int i, JsonNode output) {
        succeeded(i, output, Trigger.SUCCESS, null);
    }

    /**
     * A success reply for the current attempt of a step that was abandoned in flight or after a response timeout,
     * while the saga compensates: its effect is real, so the step completes and is compensated like any other.
     */
    void succeededLate(int i, JsonNode output) {
        succeeded(i, output, Trigger.LATE_SUCCESS, "its reply came after it was abandoned; it will be compensated");
    }

    private void succeeded(int i, JsonNode output, Trigger trigger, String detail) {
        StepState s = run.step(i);
        run.cancelStepTimers(s.id());
        run.updateStep(i, st -> st.withOutput(output).withError(null));
        run.moveStep(i, trigger, s.attempt(), detail);
        if (i == run.plan.pivot() && run.status() == SagaStatus.COMPENSATING) {
            String reason = "the pivot step '" + s.id() + "' completed while the saga was winding down ("
                    + run.state().error() + "); it can no longer be rolled back, only retried forward";
            run.moveSaga(Trigger.PIVOT_COMPLETED, dev.skald.saga.machine.Route.ALWAYS, reason);
            run.error(reason);
        }
    }

    void failedForGood(int i, Trigger trigger, String error) {
        StepState s = run.step(i);
        run.cancelStepTimers(s.id());
        run.updateStep(i, st -> st.withError(error));
        run.moveStep(i, trigger, s.attempt(), error);
        progress.stepFailed(i, error);
    }

    /**
     * The participant is still working on the current attempt (a long-running task's acknowledgement or heartbeat):
     * its response timeout, if it has one, starts again. A heartbeat changes nothing else, and leaves no history.
     */
    void stillRunning(int i) {
        StepState s = run.step(i);
        if (run.plan.step(i).definition().kind() instanceof StepKind.Task task) {
            TimerId timeout = new TimerId(TimerKind.RESPONSE_TIMEOUT, s.id(), s.attempt());
            run.cancelTimer(timeout);
            run.setTimer(timeout, ResponseTimeouts.of(task.responseTimeout()));
        }
    }

    /** As {@link #stillRunning}, for the current compensation attempt. */
    void compensationStillRunning(int i) {
        StepState s = run.step(i);
        Compensation undo = run.plan.step(i).definition().compensation().orElseThrow();
        TimerId timeout = new TimerId(TimerKind.COMPENSATION_TIMEOUT, s.id(), s.compensationAttempt());
        run.cancelTimer(timeout);
        run.setTimer(timeout, ResponseTimeouts.of(undo.responseTimeout()));
    }

    /** A retriable failure or a response timeout of the current attempt. */
    void failedRetriably(int i, Trigger trigger, String error) {
        StepState s = run.step(i);
        run.cancelTimer(new TimerId(TimerKind.RESPONSE_TIMEOUT, s.id(), s.attempt()));
        if (run.status() != SagaStatus.RUNNING && run.status() != SagaStatus.PAUSED) {
            run.cancelStepTimers(s.id());
            run.updateStep(i, st -> st.withError(error));
            run.moveStep(i, Trigger.ABANDONED, s.attempt(), "not retried, the saga is winding down: " + error);
            return;
        }
        RetryPolicy policy = retryOf(run.plan.step(i).definition().kind());
        if (s.attemptsInRound() >= policy.maxAttempts()) {
            failedForGood(i, Trigger.ATTEMPTS_EXHAUSTED, error + " (attempt " + s.attemptsInRound() + " of "
                    + policy.maxAttempts() + ")");
            return;
        }
        run.updateStep(i, st -> st.withError(error));
        run.moveStep(i, trigger, s.attempt(), error);
        run.setTimer(new TimerId(TimerKind.RETRY, s.id(), s.attempt()),
                policy.delayAfter(s.attemptsInRound(), seed(s.id(), s.attempt())));
    }

    private static RetryPolicy retryOf(StepKind kind) {
        return kind instanceof StepKind.Task task ? task.retry() : RetryPolicy.NONE;
    }

    // ---- compensations ----

    /** Sends the next compensation attempt of step {@code i} ({@code COMPENSATE} first, {@code RETRY_DUE} after). */
    void compensate(int i, Trigger trigger) {
        Plan.CompiledStep step = run.plan.step(i);
        Compensation undo = step.definition().compensation().orElseThrow();
        int attempt = run.step(i).compensationAttempt() + 1;
        run.updateStep(i, s -> s.withCompensationAttempt(attempt));
        run.moveStep(i, trigger, attempt, undo.participant() + "/" + undo.commandType());
        run.send(compensation(i, attempt));
        run.setTimer(new TimerId(TimerKind.COMPENSATION_TIMEOUT, step.id(), attempt),
                ResponseTimeouts.of(undo.responseTimeout()));
    }

    private Command compensation(int i, int attempt) {
        Plan.CompiledStep step = run.plan.step(i);
        Compensation undo = step.definition().compensation().orElseThrow();
        return new Command.ToParticipant(Command.id(run.sagaId, step.id(), attempt, CommandKind.COMPENSATION),
                run.sagaId, step.id(), attempt, CommandKind.COMPENSATION, undo.participant(), undo.commandType(),
                step.compensation().resolve(run));
    }

    void compensated(int i) {
        StepState s = run.step(i);
        run.cancelStepTimers(s.id());
        run.moveStep(i, Trigger.SUCCESS, s.compensationAttempt(), null);
    }

    void compensationFailed(int i, Trigger trigger, String error) {
        StepState s = run.step(i);
        run.cancelTimer(new TimerId(TimerKind.COMPENSATION_TIMEOUT, s.id(), s.compensationAttempt()));
        RetryPolicy policy = run.plan.step(i).definition().compensation().orElseThrow().retry();
        boolean retriable = trigger != Trigger.BUSINESS_FAILURE;
        run.updateStep(i, st -> st.withError(error));
        if (retriable && s.compensationAttemptsInRound() < policy.maxAttempts()) {
            run.moveStep(i, trigger, s.compensationAttempt(), error);
            run.setTimer(new TimerId(TimerKind.COMPENSATION_RETRY, s.id(), s.compensationAttempt()),
                    policy.delayAfter(s.compensationAttemptsInRound(), seed(s.id(), -s.compensationAttempt())));
            return;
        }
        run.cancelStepTimers(s.id());
        run.moveStep(i, retriable ? Trigger.ATTEMPTS_EXHAUSTED : Trigger.BUSINESS_FAILURE, s.compensationAttempt(),
                error);
    }

    long seed(String stepId, int attempt) {
        return (run.sagaId + "/" + stepId + "/" + attempt).hashCode();
    }
}
