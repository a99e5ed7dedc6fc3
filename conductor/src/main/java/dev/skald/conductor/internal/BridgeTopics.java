package dev.skald.conductor.internal;

import dev.skald.orchestrator.OrchestratorConfig;
import java.util.List;
import java.util.Objects;

/**
 * The poll bridge's names: its Kafka Streams application id, its two input topics, and its stores.
 *
 * @param applicationId the bridge's application id, {@code <skald.application-id>-conductor}
 * @param polls         lease requests, keyed by saga id
 * @param updates       workers' updates and logs, keyed by saga id
 */
record BridgeTopics(String applicationId, String polls, String updates) {
    /** The tasks, by task id. */
    static final String TASKS_STORE = "conductor-tasks";
    /** The pollable tasks by type and available time. */
    static final String QUEUE_STORE = "conductor-queue";
    /** The tasks by their next deadline. */
    static final String DEADLINES_STORE = "conductor-deadlines";
    /** The name of the repartition of the commands by saga id. */
    static final String TASKS_REPARTITION = "conductor-commands";

    BridgeTopics {
        Objects.requireNonNull(applicationId, "applicationId can't be null");
        Objects.requireNonNull(polls, "polls can't be null");
        Objects.requireNonNull(updates, "updates can't be null");
    }

    static BridgeTopics of(OrchestratorConfig config) {
        String prefix = config.topics().prefix();
        return new BridgeTopics(config.applicationId() + "-conductor", prefix + "conductor.polls",
                prefix + "conductor.updates");
    }

    List<String> inputs() {
        return List.of(polls, updates);
    }
}
