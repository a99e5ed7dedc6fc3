package dev.skald.participant.internal;

import dev.skald.avro.ReplyOutcome;
import dev.skald.schemas.DeadLetterKind;

/** What became of one command record. */
sealed interface Outcome {

    /**
     * The handler ran; its reply goes to the reply topic and the reply log.
     *
     * @param reply the SagaReply in the wire format, written as is to both topics
     */
    record Answered(String commandId, String sagaId, String commandType, ReplyOutcome outcome, byte[] reply)
            implements Outcome {
    }

    /**
     * The command id was answered before; the stored reply is sent again and the handler does not run.
     *
     * @param reply the stored SagaReply bytes
     */
    record Duplicate(String commandId, String sagaId, String commandType, byte[] reply) implements Outcome {
    }

    /**
     * The record cannot be handled; it goes to the dead-letter topic.
     *
     * @param commandId the command id if the command could be read, else null
     */
    record DeadLettered(DeadLetterKind kind, String reason, String commandId) implements Outcome {
    }
}
