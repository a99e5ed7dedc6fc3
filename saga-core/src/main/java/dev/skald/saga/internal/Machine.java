package dev.skald.saga.internal;

import dev.skald.saga.definition.StepKind;
import dev.skald.saga.machine.CommandKind;
import dev.skald.saga.machine.Decision;
import dev.skald.saga.machine.SagaInput;
import dev.skald.saga.machine.SagaState;
import dev.skald.saga.machine.SagaStatus;
import dev.skald.saga.machine.StepState;
import dev.skald.saga.machine.StepStatus;
import dev.skald.saga.machine.TimerId;
import dev.skald.saga.machine.Trigger;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** Applies one input to one saga. The implementation behind {@link dev.skald.saga.machine.SagaMachine}. */
public final class Machine {
    /** Early external events kept per saga, at most. */
    static final int INBOX_LIMIT = 64;

    private final Plan plan;

    public Machine(Plan plan) {
        this.plan = plan;
    }

    public Decision decide(SagaState state, SagaInput input, Instant now) {
        if (input instanceof SagaInput.Start start) {
            return start(state, start, now);
        }
        if (state == null) {
            return new Decision(null, List.of(), List.of(), List.of(), "no saga with this id has started");
        }
        Run run = Run.of(plan, state, now);
        Progress progress = new Progress(run);
        Optional<String> rejection = apply(run, progress, input);
        if (rejection.isPresent()) {
            run.ignore(null, rejection.get());
            Decision ignored = run.decision();
            return new Decision(ignored.state(), List.of(), List.of(), ignored.events(), rejection.get());
        }
        progress.settle();
        FailureStarts.sendIfFailed(run, state.status());
        return run.decision();
    }

    private Decision start(SagaState state, SagaInput.Start start, Instant now) {
        if (state != null) {
            Run run = Run.of(plan, state, now);
            run.ignore(null, "duplicate start of saga " + state.sagaId() + ": it started at " + state.createdAt());
            return run.decision();
        }
        Run run = Run.starting(plan, start, now);
        plan.definition().timeoutIfAny().ifPresent(timeout -> run.setTimer(TimerId.sagaTimeout(0), timeout));
        new Progress(run).settle();
        FailureStarts.sendIfFailed(run, SagaStatus.RUNNING);
        return run.decision();
    }

    /** Applies an input; a rejection when it cannot apply to this saga at all. */
    private Optional<String> apply(Run run, Progress progress, SagaInput input) {
        if (input instanceof SagaInput.Reply reply) {
            return new Replies(run, progress).apply(reply);
        }
        if (input instanceof SagaInput.TimerFired fired) {
            new Timers(run, progress).fire(fired.timer());
        } else if (input instanceof SagaInput.Control control) {
            new Controls(run, progress).apply(control);
        } else if (input instanceof SagaInput.ExternalEvent event) {
            event(run, progress, event);
        }
        return Optional.empty();
    }

    private static void event(Run run, Progress progress, SagaInput.ExternalEvent event) {
        boolean matched = false;
        for (int i = 0; i < run.size(); i++) {
            if (progress.awaits(i, event)) {
                progress.receive(i, event);
                matched = true;
            }
        }
        if (matched) {
            return;
        }
        boolean live = run.status() == SagaStatus.RUNNING || run.status() == SagaStatus.PAUSED;
        if (live && run.inbox().size() < INBOX_LIMIT && someStepMayAwait(run, event)) {
            run.keep(event);
            run.ignore(null, "no step waits for event " + event.eventType() + " yet; kept until one does");
        } else {
            run.ignore(null, "no step of this saga waits for event " + event.eventType()
                    + (live ? "" : " (saga is " + run.status() + ")"));
        }
    }

    private static boolean someStepMayAwait(Run run, SagaInput.ExternalEvent event) {
        for (int i = 0; i < run.size(); i++) {
            if (run.stepStatus(i) == StepStatus.PENDING
                    && run.plan.step(i).definition().kind() instanceof StepKind.AwaitEvent awaited
                    && awaited.eventType().equals(event.eventType())) {
                return true;
            }
        }
        return false;
    }

    /** Replies to actions and compensations. */
    private record Replies(Run run, Progress progress) {
        Optional<String> apply(SagaInput.Reply reply) {
            Optional<Integer> index = run.plan.indexOf(reply.stepId());
            if (index.isEmpty()) {
                return Optional.of("reply for unknown step '" + reply.stepId() + "'");
            }
            int i = index.get();
            StepKind kind = run.plan.step(i).definition().kind();
            if (kind instanceof StepKind.ForEach && reply.kind() != CommandKind.CANCEL) {
                mapReply(i, reply);
                return Optional.empty();
            }
            if (reply.kind() == CommandKind.ACTION && !(kind instanceof StepKind.Task || kind instanceof StepKind.SubSaga)) {
                return Optional.of("reply for step '" + reply.stepId() + "', a " + kind.label() + " step, which sends no command");
            }
            if (reply.kind() == CommandKind.COMPENSATION && kind.compensation().isEmpty()) {
                return Optional.of("compensation reply for step '" + reply.stepId() + "', which has no compensation");
            }
            if (reply.kind() == CommandKind.CANCEL) {
                return Optional.of("a cancel is never answered by a reply; the child's outcome answers the step");
            }
            if (reply.kind() == CommandKind.ACTION) {
                action(i, reply);
            } else {
                compensation(i, reply);
            }
            return Optional.empty();
        }

        private void mapReply(int i, SagaInput.Reply reply) {
            if (reply.kind() == CommandKind.COMPENSATION && run.plan.step(i).compensation() == null) {
                run.ignore(reply.stepId(), "compensation reply for step '" + reply.stepId()
                        + "', which has no compensation");
            } else if (!progress.maps().reply(i, reply)) {
                run.ignore(reply.stepId(), "late or duplicate " + (reply.kind() == CommandKind.ACTION ? ""
                        : "compensation ") + "reply for attempt " + reply.attempt() + " of map step '"
                        + reply.stepId() + "': no element waits on it");
            }
        }

        private void action(int i, SagaInput.Reply reply) {
            StepState s = run.step(i);
            if (s.status() == StepStatus.CANCELLED && s.attempt() == reply.attempt()
                    && reply.outcome() == SagaInput.ReplyOutcome.SUCCESS) {
                lateSuccess(i, reply);
                return;
            }
            if (s.status() != StepStatus.RUNNING || s.attempt() != reply.attempt()) {
                run.ignore(s.id(), "late or duplicate reply for attempt " + reply.attempt() + " of step '" + s.id()
                        + "' (step is " + s.status() + " at attempt " + s.attempt() + ")");
                return;
            }
            Attempts attempts = progress.attempts();
            switch (reply.outcome()) {
                case SUCCESS -> attempts.succeeded(i, reply.output());
                case BUSINESS_FAILURE -> attempts.failedForGood(i, Trigger.BUSINESS_FAILURE, errorOf(reply));
                case RETRIABLE_FAILURE -> attempts.failedRetriably(i, Trigger.RETRIABLE_FAILURE, errorOf(reply));
                case IN_PROGRESS -> attempts.stillRunning(i);
            }
        }

        /**
         * The step's attempt succeeded after all, once the step had been abandoned: while the saga compensates, the
         * step is compensated too; otherwise the success is recorded in the history, saying whether an effect is
         * left that the saga did not undo.
         */
        private void lateSuccess(int i, SagaInput.Reply reply) {
            String id = run.step(i).id();
            boolean undoable = run.plan.step(i).compensation() != null;
            if (undoable && run.status() == SagaStatus.COMPENSATING) {
                progress.attempts().succeededLate(i, reply.output());
                return;
            }
            boolean leftOver = undoable && run.status() != SagaStatus.FAILED;
            run.ignore(id, "late success of attempt " + reply.attempt() + " of step '" + id + "', which was abandoned"
                    + (leftOver ? ": the saga ended " + run.status() + " before it, so its effect is NOT compensated;"
                    + " undo it by hand" : ""));
        }

        private void compensation(int i, SagaInput.Reply reply) {
            StepState s = run.step(i);
            if (s.status() != StepStatus.COMPENSATING || s.compensationAttempt() != reply.attempt()) {
                run.ignore(s.id(), "late or duplicate compensation reply for attempt " + reply.attempt() + " of step '"
                        + s.id() + "' (step is " + s.status() + " at compensation attempt " + s.compensationAttempt() + ")");
                return;
            }
            Attempts attempts = progress.attempts();
            switch (reply.outcome()) {
                case SUCCESS -> attempts.compensated(i);
                case BUSINESS_FAILURE -> attempts.compensationFailed(i, Trigger.BUSINESS_FAILURE, errorOf(reply));
                case RETRIABLE_FAILURE -> attempts.compensationFailed(i, Trigger.RETRIABLE_FAILURE, errorOf(reply));
                case IN_PROGRESS -> attempts.compensationStillRunning(i);
            }
        }
    }

    /** The error a failure reply carries, or a stand-in when it carries none. */
    static String errorOf(SagaInput.Reply reply) {
        return reply.error() == null || reply.error().isBlank() ? "failed without a message" : reply.error();
    }
}
