package dev.skald.saga.machine;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Objects;

/** Everything a saga reacts to. Each is a record in a topic keyed by saga id. */
public sealed interface SagaInput
        permits SagaInput.Start, SagaInput.Reply, SagaInput.TimerFired, SagaInput.Control, SagaInput.ExternalEvent {

    /**
     * Starts a saga. A second start for the same saga changes nothing.
     *
     * @param sagaId         the new saga's id
     * @param input          its input
     * @param correlationKey a business key for events and searches, or null
     */
    record Start(String sagaId, JsonNode input, String correlationKey) implements SagaInput {
        public Start {
            Objects.requireNonNull(sagaId, "sagaId can't be null");
            input = input == null ? com.fasterxml.jackson.databind.node.NullNode.instance : input.deepCopy();
        }
    }

    /**
     * A participant's answer to a command (or a child saga's outcome, for a sub-saga step).
     *
     * @param stepId  the step the command belonged to
     * @param attempt the attempt of the command (of the compensation, for {@link CommandKind#COMPENSATION})
     * @param kind    whether it answers the action or its compensation
     * @param outcome success, business failure or retriable failure
     * @param output  the output on success, or null
     * @param error   the error on failure, or null
     */
    record Reply(String stepId, int attempt, CommandKind kind, ReplyOutcome outcome, JsonNode output, String error)
            implements SagaInput {
        public Reply {
            Objects.requireNonNull(stepId, "stepId can't be null");
            Objects.requireNonNull(kind, "kind can't be null");
            Objects.requireNonNull(outcome, "outcome can't be null");
            output = output == null ? null : output.deepCopy();
        }

        /** A success of an action. */
        public static Reply success(String stepId, int attempt, JsonNode output) {
            return new Reply(stepId, attempt, CommandKind.ACTION, ReplyOutcome.SUCCESS, output, null);
        }

        /** A failure of an action. */
        public static Reply failure(String stepId, int attempt, ReplyOutcome outcome, String error) {
            return new Reply(stepId, attempt, CommandKind.ACTION, outcome, null, error);
        }
    }

    /** How a command ended. */
    enum ReplyOutcome {
        /** Done; the output is in the reply. */
        SUCCESS,
        /** Refused for a business reason: retrying will not help. */
        BUSINESS_FAILURE,
        /** Failed for a reason that may pass: retried while attempts remain. */
        RETRIABLE_FAILURE,
        /**
         * Still working on it (a long-running task's acknowledgement or heartbeat): the attempt's response timeout
         * starts again; nothing else changes. The outcome comes in a later reply.
         */
        IN_PROGRESS
    }

    /**
     * A durable timer came due.
     *
     * @param timer the timer
     */
    record TimerFired(TimerId timer) implements SagaInput {
        public TimerFired {
            Objects.requireNonNull(timer, "timer can't be null");
        }
    }

    /**
     * An operator's request.
     *
     * @param action what to do
     * @param reason why, for the history; may be null
     */
    record Control(ControlAction action, String reason) implements SagaInput {
        public Control {
            Objects.requireNonNull(action, "action can't be null");
        }
    }

    /** What an operator can ask of a saga. */
    enum ControlAction {
        /** Roll back: compensate completed steps (refused once the pivot completed). */
        CANCEL,
        /** Hold new dispatches. */
        PAUSE,
        /** Continue after a pause. */
        RESUME,
        /** Continue a {@code FAILED} or {@code COMPENSATION_FAILED} saga from where it stopped. */
        RETRY,
        /**
         * Send again, with their original ids, the commands the saga is waiting on (for a saga stuck on a lost
         * command); changes no status.
         */
        RESEND,
        /**
         * Run an ended saga ({@code COMPLETED}, {@code FAILED} or {@code COMPENSATED}) again from its first step,
         * with the same id and input, on the same definition version (Conductor's restart). Its steps' effects are
         * asked for again, under new command ids (the attempts go on counting).
         */
        RESTART
    }

    /**
     * Something that happened outside, for event wait steps. An event that arrives before any step waits for it is
     * kept until one does.
     *
     * @param eventType      the event type
     * @param correlationKey the key it carries, or null
     * @param payload        its payload, which becomes the output of the wait step
     */
    record ExternalEvent(String eventType, String correlationKey, JsonNode payload) implements SagaInput {
        public ExternalEvent {
            Objects.requireNonNull(eventType, "eventType can't be null");
            payload = payload == null ? null : payload.deepCopy();
        }
    }
}
