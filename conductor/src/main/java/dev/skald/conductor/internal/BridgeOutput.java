package dev.skald.conductor.internal;

import dev.skald.avro.SagaReply;

/** What the bridge's processor writes: replies to the orchestrator, and dead letters of inputs it cannot apply. */
sealed interface BridgeOutput {
    /** A reply for {@code skald.saga-replies}. */
    record Reply(SagaReply reply) implements BridgeOutput {
    }

    /** A dead letter's value for {@code skald.dead-letters}; its key and headers travel on the record. */
    record Dead(byte[] value) implements BridgeOutput {
    }
}
