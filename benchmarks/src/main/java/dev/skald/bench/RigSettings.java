package dev.skald.bench;

import dev.skald.participant.ParticipantConfig;
import java.time.Duration;
import java.util.Map;

/**
 * The knobs the benchmark may turn away from the product defaults; null (or 0) keeps the default.
 *
 * @param commitInterval     the orchestrator's {@code skald.commit-interval}
 * @param participantWorkers the participant's {@code workers}
 * @param participantBatch   the participant's {@code max.batch}
 * @param kafka              Kafka client settings for the orchestrator's and the participant's clients
 *                           ({@code skald.kafka.*} and {@code kafka.*})
 */
record RigSettings(Duration commitInterval, int participantWorkers, int participantBatch, Map<String, String> kafka) {

    RigSettings {
        kafka = Map.copyOf(kafka);
    }

    /** Every product default. */
    static RigSettings defaults() {
        return new RigSettings(null, 0, 0, Map.of());
    }

    /** The participant's configuration: the product defaults but for the knobs set here. */
    ParticipantConfig participant(String bootstrap) {
        ParticipantConfig.Builder builder = ParticipantConfig.builder(bootstrap)
                .schemaRegistryUrl(OrchestratorApp.REGISTRY).kafka(kafka);
        if (participantWorkers > 0) {
            builder.workers(participantWorkers);
        }
        if (participantBatch > 0) {
            builder.maxBatch(participantBatch);
        }
        return builder.build();
    }
}
