package dev.skald.participant.conformance;

import java.time.Duration;

/** A participant implementation under the conformance suite, running its conformance handlers somewhere. */
interface ConformanceParticipant extends AutoCloseable {

    /** Waits for a line of its output containing {@code text}. */
    void awaitLine(String text, Duration timeout);

    /** Kills it with SIGKILL, as a crash would; returns once it is dead. */
    void kill();

    /** Stops it gracefully (SIGTERM): it commits its batch in flight. */
    @Override
    void close();

    /**
     * How an implementation is started: its topics' prefix, consumer group, instance id (stable across a restart),
     * the most commands per transaction, and the crash drill (block mid-transaction after this many handler calls;
     * 0: never).
     */
    record Setup(String topicPrefix, String groupId, String instanceId, int maxBatch, int stallAfter) {
    }
}
