package dev.skald.bench;

/**
 * Who answers the commands of the {@code bench} saga's steps in a {@link SagaRig}: the rig's orchestrator application
 * (an application id and topic prefix of its own, so that rigs of different workers share nothing), and the workers
 * themselves, which mark each step they handle in the rig's {@link Tracker}.
 */
interface StepWorkers {

    /** What the tables call these workers. */
    String label();

    /** The application id of the rig's orchestrator. */
    String applicationId();

    /** The topic prefix of the rig's orchestrator ({@code skald.topic-prefix}). */
    String topicPrefix();

    /** Whether the rig's application runs the Conductor poll bridge. */
    boolean pollBridge();

    /**
     * Starts the workers that answer the commands {@link SagaRig#command(int)} of participant
     * {@link SagaRig#PARTICIPANT}, each marking the step it handled with {@link Tracker#handled(String, int)}.
     *
     * @return what stops them
     */
    AutoCloseable start(OrchestratorApp app, String bootstrap, RigSettings settings, Tracker tracker)
            throws Exception;
}
