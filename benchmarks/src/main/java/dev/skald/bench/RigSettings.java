package dev.skald.bench;

import dev.skald.participant.ParticipantConfig;
import java.time.Duration;

/**
 * The knobs the benchmark may turn away from the product defaults; null (or 0) keeps the default.
 *
 * @param commitInterval     the orchestrator's {@code skald.commit-interval}
 * @param participantWorkers the participant's {@code workers}
 * @param participantBatch   the participant's {@code max.batch}
 */
record RigSettings(Duration commitInterval, int participantWorkers, int participantBatch) {

    /** Every product default. */
    static RigSettings defaults() {
        return new RigSettings(null, 0, 0);
    }

    /** The participant's configuration: the product defaults but for the knobs set here. */
    ParticipantConfig participant(String bootstrap) {
        ParticipantConfig.Builder builder = ParticipantConfig.builder(bootstrap)
                .schemaRegistryUrl(OrchestratorApp.REGISTRY);
        if (participantWorkers > 0) {
            builder.workers(participantWorkers);
        }
        if (participantBatch > 0) {
            builder.maxBatch(participantBatch);
        }
        return builder.build();
    }
}
