package dev.skald.saga.machine;

import java.time.Instant;
import java.util.Objects;

/** An entry in a saga's history. */
public sealed interface SagaEvent permits SagaEvent.SagaTransitioned, SagaEvent.StepTransitioned,
        SagaEvent.InputIgnored, SagaEvent.CommandResent {

    /** When it happened (the {@code now} of the input that caused it). */
    Instant at();

    /**
     * The saga changed status.
     *
     * @param at         when
     * @param transition the row of {@link Transitions#SAGA} taken
     * @param detail     a reason, or null
     */
    record SagaTransitioned(Instant at, Transition<SagaStatus> transition, String detail) implements SagaEvent {
        public SagaTransitioned {
            Objects.requireNonNull(transition, "transition can't be null");
        }
    }

    /**
     * A step changed status.
     *
     * @param at         when
     * @param stepId     the step
     * @param attempt    its attempt (its compensation attempt for compensation rows)
     * @param transition the row of {@link Transitions#STEP} taken
     * @param detail     a reason, or null
     */
    record StepTransitioned(Instant at, String stepId, int attempt, Transition<StepStatus> transition, String detail)
            implements SagaEvent {
        public StepTransitioned {
            Objects.requireNonNull(stepId, "stepId can't be null");
            Objects.requireNonNull(transition, "transition can't be null");
        }
    }

    /**
     * An input changed nothing: a duplicate or late reply, a stale timer, a control request that does not apply.
     *
     * @param at     when
     * @param stepId the step it concerned, or null
     * @param reason why it was ignored
     */
    record InputIgnored(Instant at, String stepId, String reason) implements SagaEvent {
        public InputIgnored {
            Objects.requireNonNull(reason, "reason can't be null");
        }
    }

    /**
     * An operator asked for the pending command of a step to be sent again; it went out with its original id, so
     * a participant that already handled it answers from its reply log instead of acting twice.
     *
     * @param at        when
     * @param stepId    the step
     * @param attempt   the attempt (compensation attempt for a compensation command)
     * @param commandId the id the command was sent with, both times
     */
    record CommandResent(Instant at, String stepId, int attempt, String commandId) implements SagaEvent {
        public CommandResent {
            Objects.requireNonNull(stepId, "stepId can't be null");
            Objects.requireNonNull(commandId, "commandId can't be null");
        }
    }
}
