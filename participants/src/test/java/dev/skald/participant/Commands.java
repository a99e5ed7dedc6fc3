package dev.skald.participant;

import dev.skald.avro.CommandKind;
import dev.skald.avro.SagaCommand;
import dev.skald.saga.machine.Command;
import dev.skald.schemas.CommandKinds;
import java.time.Instant;
import java.util.Locale;

/** Commands as the orchestrator writes them, for tests. */
public final class Commands {
    private Commands() {
    }

    /** An action, attempt 1, with the orchestrator's command id. */
    public static SagaCommand action(String sagaId, String stepId, String participant, String type, String payload) {
        return command(sagaId, stepId, 1, CommandKind.ACTION, participant, type, payload);
    }

    /**
     * A command with the orchestrator's id ({@link Command#id}); UNKNOWN, a kind no reader knows, gets
     * {@code sagaId:stepId:attempt:unknown}.
     */
    public static SagaCommand command(String sagaId, String stepId, int attempt, CommandKind kind, String participant,
                                      String type, String payload) {
        String commandId = CommandKinds.fromWire(kind).map(known -> Command.id(sagaId, stepId, attempt, known))
                .orElse(sagaId + ":" + stepId + ":" + attempt + ":" + kind.name().toLowerCase(Locale.ROOT));
        return SagaCommand.newBuilder()
                .setCommandId(commandId)
                .setSagaId(sagaId).setStepId(stepId).setAttempt(attempt).setKind(kind).setParticipant(participant)
                .setCommandType(type).setPayload(payload).setIssuedAt(Instant.parse("2026-01-01T00:00:00Z"))
                .build();
    }
}
