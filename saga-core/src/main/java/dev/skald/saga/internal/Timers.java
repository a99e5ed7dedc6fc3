package dev.skald.saga.internal;

import dev.skald.saga.definition.StepKind;
import dev.skald.saga.machine.FailureSagas;
import dev.skald.saga.machine.SagaStatus;
import dev.skald.saga.machine.StepState;
import dev.skald.saga.machine.StepStatus;
import dev.skald.saga.machine.TimerId;
import dev.skald.saga.machine.Trigger;
import java.util.Optional;

/** Applies durable timers that came due. A timer the saga no longer holds changes nothing. */
final class Timers {
    private final Run run;
    private final Progress progress;

    Timers(Run run, Progress progress) {
        this.run = run;
        this.progress = progress;
    }

    void fire(TimerId timer) {
        if (!run.takeTimer(timer)) {
            run.ignore(timer.stepId().isEmpty() ? null : timer.stepId(),
                    "timer " + timer.key() + " is no longer set (cancelled or already fired)");
            return;
        }
        if (timer.kind() == TimerId.TimerKind.SAGA_TIMEOUT) {
            sagaTimeout();
            return;
        }
        Optional<Integer> index = run.plan.indexOf(timer.stepId());
        if (index.isEmpty()) {
            run.ignore(null, "timer " + timer.key() + " names no step of this saga");
            return;
        }
        boolean applied = Maps.isMap(run, index.get()) ? progress.maps().timer(index.get(), timer)
                : applies(index.get(), timer);
        if (!applied) {
            run.ignore(timer.stepId(), "timer " + timer.key() + " does not match step '" + timer.stepId() + "' ("
                    + run.stepStatus(index.get()) + ")");
        }
    }

    private void sagaTimeout() {
        SagaStatus status = run.status();
        if (status == SagaStatus.RUNNING || status == SagaStatus.PAUSED) {
            progress.failSaga(Trigger.SAGA_TIMEOUT, FailureSagas.TIMED_OUT + " after "
                    + run.plan.definition().timeout());
        } else {
            run.ignore(null, "saga timeout while " + status);
        }
    }

    /** Applies a step timer; false when the step is not in the state the timer was set for. */
    private boolean applies(int i, TimerId timer) {
        StepState s = run.step(i);
        Attempts attempts = progress.attempts();
        switch (timer.kind()) {
            case RETRY -> {
                if (s.status() != StepStatus.RETRY_WAIT || s.attempt() != timer.attempt()) {
                    return false;
                }
                run.moveStep(i, Trigger.RETRY_DUE, s.attempt(), null);
            }
            case RESPONSE_TIMEOUT -> {
                if (s.status() != StepStatus.RUNNING || s.attempt() != timer.attempt()) {
                    return false;
                }
                attempts.failedRetriably(i, Trigger.RESPONSE_TIMEOUT, "no reply to attempt " + s.attempt()
                        + " within its response timeout");
            }
            case STEP_TIMEOUT -> {
                boolean active = s.status() == StepStatus.RUNNING || s.status() == StepStatus.RETRY_WAIT;
                if (!active || s.attemptBase() != timer.attempt()) {
                    return false;
                }
                stepTimeout(i);
            }
            case WAIT -> {
                if (s.status() != StepStatus.WAITING || s.attempt() != timer.attempt()) {
                    return false;
                }
                run.moveStep(i, Trigger.WAIT_ELAPSED, s.attempt(), null);
            }
            case EVENT_TIMEOUT -> {
                if (s.status() != StepStatus.WAITING || s.attempt() != timer.attempt()) {
                    return false;
                }
                attempts.failedForGood(i, Trigger.EVENT_TIMEOUT, "no event arrived within the step's timeout");
            }
            case COMPENSATION_RETRY -> {
                if (s.status() != StepStatus.COMPENSATION_RETRY_WAIT || s.compensationAttempt() != timer.attempt()) {
                    return false;
                }
                attempts.compensate(i, Trigger.RETRY_DUE);
            }
            case COMPENSATION_TIMEOUT -> {
                if (s.status() != StepStatus.COMPENSATING || s.compensationAttempt() != timer.attempt()) {
                    return false;
                }
                attempts.compensationFailed(i, Trigger.RESPONSE_TIMEOUT, "no reply to compensation attempt "
                        + s.compensationAttempt() + " within its response timeout");
            }
            default -> {
                return false;
            }
        }
        return true;
    }

    private void stepTimeout(int i) {
        StepState s = run.step(i);
        boolean child = s.status() == StepStatus.RUNNING
                && run.plan.step(i).definition().kind() instanceof StepKind.SubSaga;
        progress.attempts().failedForGood(i, Trigger.STEP_TIMEOUT, "step timed out over all its attempts");
        if (child) {
            progress.cancelChild(i, "step '" + s.id() + "' timed out");
        }
    }
}
