package dev.skald.participant;

import dev.skald.saga.machine.CommandKind;
import java.time.Instant;
import java.util.Objects;

/**
 * Who a command is: what a handler needs besides its payload.
 *
 * @param commandId   the deterministic id {@code sagaId:stepId:attempt:kind}; the idempotency key of side effects
 *                    outside Kafka, and the key the SDK drops redelivered commands by
 * @param sagaId      the saga the command belongs to
 * @param stepId      the step it belongs to
 * @param attempt     the attempt number, from 1 (of the action, or of the compensation)
 * @param kind        action, compensation or cancel
 * @param participant the participant it was sent to
 * @param commandType the command type, which chose the handler
 * @param issuedAt    when the orchestrator decided to send it
 */
public record CommandContext(String commandId, String sagaId, String stepId, int attempt, CommandKind kind,
                             String participant, String commandType, Instant issuedAt) {

    public CommandContext {
        Objects.requireNonNull(commandId, "commandId can't be null");
        Objects.requireNonNull(sagaId, "sagaId can't be null");
        Objects.requireNonNull(stepId, "stepId can't be null");
        Objects.requireNonNull(kind, "kind can't be null");
        Objects.requireNonNull(participant, "participant can't be null");
        Objects.requireNonNull(commandType, "commandType can't be null");
        Objects.requireNonNull(issuedAt, "issuedAt can't be null");
    }

    /** The key to make side effects outside Kafka idempotent with: the {@link #commandId()}. */
    public String idempotencyKey() {
        return commandId;
    }

    /** Whether this command undoes a completed step. */
    public boolean isCompensation() {
        return kind == CommandKind.COMPENSATION;
    }
}
