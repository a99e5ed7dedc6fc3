package dev.skald.orchestrator.app;

import dev.skald.orchestrator.OrchestratorConfig;
import dev.skald.participant.ParticipantConfig;
import dev.skald.participant.ParticipantTopics;
import java.time.Duration;

/**
 * What the executors of built-in steps (http, jq) run in the application with: the orchestrator's Kafka cluster,
 * topics, partitions and registry, and transactions that outlast three handler calls.
 */
final class BuiltInExecutors {
    private static final Duration LEAST_TRANSACTION = Duration.ofSeconds(30);

    private BuiltInExecutors() {
    }

    /**
     * The configuration of an executor beside {@code orchestrator}.
     *
     * @param handlerTimeout the deadline of one handler call
     */
    static ParticipantConfig config(OrchestratorConfig orchestrator, Duration handlerTimeout) {
        Duration threeCalls = handlerTimeout.multipliedBy(3);
        return ParticipantConfig.builder(orchestrator.bootstrapServers())
                .schemaRegistryUrl(orchestrator.schemaRegistryUrl())
                .topics(new ParticipantTopics(orchestrator.topics().prefix()))
                .partitions(orchestrator.partitions()).replication(orchestrator.replication())
                .sharedKafka(orchestrator.kafka())
                .handlerTimeout(handlerTimeout)
                .transactionTimeout(threeCalls.compareTo(LEAST_TRANSACTION) > 0 ? threeCalls : LEAST_TRANSACTION)
                .build();
    }
}
