package dev.skald.saga.machine;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;
import java.util.Objects;

/**
 * Something the orchestrator must send on a saga's behalf. Each command has a deterministic id built from the saga
 * id, step id, attempt and kind, which receivers use as their idempotency key.
 */
public sealed interface Command
        permits Command.ToParticipant, Command.Publish, Command.StartChild, Command.CancelChild, Command.StartSaga {

    /** The command id: {@code sagaId:stepId:attempt:kind}. */
    String commandId();

    /** The step it belongs to. */
    String stepId();

    /** The attempt it belongs to. */
    int attempt();

    /** What it asks. */
    CommandKind kind();

    /** Builds the deterministic command id. */
    static String id(String sagaId, String stepId, int attempt, CommandKind kind) {
        return sagaId + ":" + stepId + ":" + attempt + ":" + kind.name().toLowerCase(java.util.Locale.ROOT);
    }

    /**
     * A command to a participant service, sent to {@code skald.commands.<participant>}.
     *
     * @param commandId   the command id
     * @param sagaId      the saga
     * @param stepId      the step
     * @param attempt     the attempt
     * @param kind        {@link CommandKind#ACTION} or {@link CommandKind#COMPENSATION}
     * @param participant the receiving service
     * @param commandType the command type
     * @param payload     the resolved input
     */
    record ToParticipant(String commandId, String sagaId, String stepId, int attempt, CommandKind kind,
                         String participant, String commandType, JsonNode payload) implements Command {
        public ToParticipant {
            Objects.requireNonNull(commandId, "commandId can't be null");
            Objects.requireNonNull(participant, "participant can't be null");
            Objects.requireNonNull(commandType, "commandType can't be null");
        }
    }

    /**
     * A record a publish step writes to a topic, in the orchestrator's transaction.
     *
     * @param commandId the command id (it goes out as the record's {@code skald.command-id} header)
     * @param sagaId    the saga
     * @param stepId    the step
     * @param attempt   the attempt
     * @param topic     the topic
     * @param key       the record key, or null for none
     * @param value     the record's value, written as JSON
     * @param headers   the record's headers
     */
    record Publish(String commandId, String sagaId, String stepId, int attempt, String topic, String key,
                   JsonNode value, Map<String, String> headers) implements Command {
        public Publish {
            Objects.requireNonNull(commandId, "commandId can't be null");
            Objects.requireNonNull(topic, "topic can't be null");
            Objects.requireNonNull(value, "value can't be null");
            headers = Map.copyOf(headers);
        }

        @Override
        public CommandKind kind() {
            return CommandKind.ACTION;
        }
    }

    /**
     * Starts a child saga for a sub-saga step; its outcome comes back as a reply for the step.
     *
     * @param commandId   the command id
     * @param parentId    the parent saga
     * @param stepId      the step
     * @param attempt     the attempt
     * @param childSagaId the child's saga id, deterministic: {@code parent/step/attempt}
     * @param definition  the child's definition
     * @param version     the child's version, or null for the newest
     * @param input       the child's input
     */
    record StartChild(String commandId, String parentId, String stepId, int attempt, String childSagaId,
                      String definition, Integer version, JsonNode input) implements Command {
        @Override
        public CommandKind kind() {
            return CommandKind.ACTION;
        }
    }

    /**
     * Cancels a running child saga because its parent is winding down.
     *
     * @param commandId   the command id
     * @param parentId    the parent saga
     * @param stepId      the step
     * @param attempt     the attempt whose child is cancelled
     * @param childSagaId the child's saga id
     * @param reason      why
     */
    record CancelChild(String commandId, String parentId, String stepId, int attempt, String childSagaId, String reason)
            implements Command {
        @Override
        public CommandKind kind() {
            return CommandKind.CANCEL;
        }
    }

    /**
     * Starts an independent saga: the failure saga of a saga that ended in failure
     * ({@link dev.skald.saga.definition.FailureSagas}). It is no step's: its step id is {@code failure} and its
     * attempt the failed saga's retry round.
     *
     * @param commandId      the command id, {@code sagaId:failure:round:action}
     * @param sagaId         the saga that failed
     * @param stepId         {@code failure}
     * @param attempt        the failed saga's retry round
     * @param startedSagaId  the id of the saga started, deterministic
     * @param definition     its definition (the newest version)
     * @param input          its input
     * @param correlationKey its correlation key (the failed saga's), or null
     */
    record StartSaga(String commandId, String sagaId, String stepId, int attempt, String startedSagaId,
                     String definition, JsonNode input, String correlationKey) implements Command {
        public StartSaga {
            Objects.requireNonNull(startedSagaId, "startedSagaId can't be null");
            Objects.requireNonNull(definition, "definition can't be null");
        }

        @Override
        public CommandKind kind() {
            return CommandKind.ACTION;
        }
    }
}
