package dev.skald.saga.internal;

import dev.skald.saga.machine.FailureSagas;
import dev.skald.saga.machine.Route;
import dev.skald.saga.machine.SagaInput;
import dev.skald.saga.machine.SagaStatus;
import dev.skald.saga.machine.StepState;
import dev.skald.saga.machine.StepStatus;
import dev.skald.saga.machine.TimerId;
import dev.skald.saga.machine.Trigger;

/** Applies an operator's control requests: cancel, pause, resume, retry, resend. */
final class Controls {
    /** The step statuses a restart starts over from: those of a step that has settled. */
    private static final java.util.Set<StepStatus> RESTARTABLE_STEPS = java.util.EnumSet.of(StepStatus.PENDING,
            StepStatus.COMPLETED, StepStatus.SKIPPED, StepStatus.FAILED, StepStatus.CANCELLED, StepStatus.COMPENSATED);

    private final Run run;
    private final Progress progress;
    private final Attempts attempts;

    Controls(Run run, Progress progress) {
        this.run = run;
        this.progress = progress;
        this.attempts = progress.attempts();
    }

    void apply(SagaInput.Control control) {
        String why = control.reason() == null || control.reason().isBlank() ? "" : ": " + control.reason();
        switch (control.action()) {
            case PAUSE -> when(SagaStatus.RUNNING, "pause",
                    () -> run.moveSaga(Trigger.PAUSE, Route.ALWAYS, "paused" + why));
            case RESUME -> when(SagaStatus.PAUSED, "resume",
                    () -> run.moveSaga(Trigger.RESUME, Route.ALWAYS, "resumed" + why));
            case CANCEL -> cancel(why);
            case RETRY -> retry(why);
            case RESEND -> resend();
            case RESTART -> restart(why);
        }
    }

    private void when(SagaStatus required, String action, Runnable change) {
        if (run.status() == required) {
            change.run();
        } else {
            run.ignore(null, "cannot " + action + " a saga that is " + run.status() + " (only " + required + ")");
        }
    }

    private void cancel(String why) {
        SagaStatus status = run.status();
        if (status != SagaStatus.RUNNING && status != SagaStatus.PAUSED) {
            run.ignore(null, "cannot cancel a saga that is " + status);
        } else if (run.pivotCompleted()) {
            run.ignore(null, "cannot cancel: the pivot step '" + run.step(run.plan.pivot()).id()
                    + "' completed, so the saga can only go forward");
        } else {
            progress.failSaga(Trigger.CANCEL, FailureSagas.CANCELLED + why);
        }
    }

    private void retry(String why) {
        if (run.status() == SagaStatus.FAILED) {
            run.moveSaga(Trigger.RETRY, Route.ALWAYS, "retried" + why);
            run.nextRound();
            run.clearError();
            run.plan.definition().timeoutIfAny()
                    .ifPresent(timeout -> run.setTimer(TimerId.sagaTimeout(run.round()), timeout));
            for (int i = 0; i < run.size(); i++) {
                StepState s = run.step(i);
                boolean stopped = s.status() == StepStatus.CANCELLED
                        || s.status() == StepStatus.FAILED && !run.plan.step(i).definition().optional();
                if (stopped) {
                    if (Maps.isMap(run, i)) {
                        progress.maps().retryElements(i);
                    }
                    run.updateStep(i, st -> st.withAttemptBase(st.attempt()).withError(null));
                    run.moveStep(i, Trigger.RETRY, s.attempt(), null);
                }
            }
        } else if (run.status() == SagaStatus.COMPENSATION_FAILED) {
            run.moveSaga(Trigger.RETRY, Route.ALWAYS, "retried" + why);
            for (int i = 0; i < run.size(); i++) {
                StepState s = run.step(i);
                if (Maps.isMap(run, i)) {
                    progress.maps().undo().retry(i);
                }
                if (s.status() == StepStatus.COMPENSATION_FAILED) {
                    run.updateStep(i, st -> st.withCompensationBase(st.compensationAttempt()).withError(null));
                    run.moveStep(i, Trigger.RETRY, s.compensationAttempt(), null);
                }
            }
        } else {
            run.ignore(null, "cannot retry a saga that is " + run.status() + " (only FAILED or COMPENSATION_FAILED)");
        }
    }

    /**
     * Runs an ended saga again from its first step: a new round (a new saga timeout), every step pending again with
     * its attempts counted on from where they were, so every command gets a new id; output and error cleared.
     */
    private void restart(String why) {
        SagaStatus status = run.status();
        if (status != SagaStatus.COMPLETED && status != SagaStatus.FAILED && status != SagaStatus.COMPENSATED) {
            run.ignore(null, "cannot restart a saga that is " + status + " (only COMPLETED, FAILED or COMPENSATED)");
            return;
        }
        for (int i = 0; i < run.size(); i++) {
            boolean elementsBusy = Maps.isMap(run, i)
                    && (progress.maps().actionInFlight(i) || progress.maps().undo().inFlight(i));
            if (!RESTARTABLE_STEPS.contains(run.stepStatus(i)) || elementsBusy) {
                run.ignore(null, "cannot restart yet: step '" + run.step(i).id() + "' is still " + run.stepStatus(i)
                        + "; restart once it has settled");
                return;
            }
        }
        run.moveSaga(Trigger.RESTART, Route.ALWAYS, "restarted" + why);
        run.nextRound();
        run.clearError();
        run.output(null);
        run.cancelAllTimers();
        run.plan.definition().timeoutIfAny()
                .ifPresent(timeout -> run.setTimer(TimerId.sagaTimeout(run.round()), timeout));
        for (int i = 0; i < run.size(); i++) {
            StepState s = run.step(i);
            if (s.status() != StepStatus.PENDING) {
                run.updateStep(i, st -> st.withAttemptBase(st.attempt())
                        .withCompensationBase(st.compensationAttempt()).withOutput(null).withError(null)
                        .withElements(java.util.List.of()));
                run.moveStep(i, Trigger.RESTART, s.attempt(), null);
            }
        }
    }

    /** Re-sends every command a step is waiting on, with its original id and payload. */
    private void resend() {
        int sent = 0;
        for (int i = 0; i < run.size(); i++) {
            StepState s = run.step(i);
            if (Maps.isMap(run, i)) {
                sent += progress.maps().resend(i);
            } else if (s.status() == StepStatus.RUNNING) {
                sent += attempts.resendAction(i) ? 1 : 0;
            } else if (s.status() == StepStatus.COMPENSATING) {
                sent += attempts.resendCompensation(i) ? 1 : 0;
            }
        }
        if (sent == 0) {
            run.ignore(null, "nothing to resend: no step of this " + run.status() + " saga waits on a command");
        }
    }
}
