package dev.skald.conductor.internal;

import dev.skald.avro.SagaCommand;

/** The inputs of the bridge's processor, from its three sources. */
sealed interface BridgeInput {
    /** A command of a polled task type: a new task. */
    record Command(SagaCommand command) implements BridgeInput {
    }

    /** A poll's request to lease a task. */
    record Lease(LeaseRequest request) implements BridgeInput {
    }

    /** A worker's update of a task. */
    record Update(WorkerUpdate update) implements BridgeInput {
    }
}
