package dev.skald.conductor.internal;

import java.time.Instant;
import java.util.Objects;

/**
 * A poll's request to lease one task, written to the polls topic keyed by the task's saga id. The bridge grants it
 * when the task is still available and the request has not expired; the poll that sent it reads the outcome in the
 * task ({@link BridgeTask#pollId()}).
 *
 * @param pollId    the poll, unique
 * @param taskId    the task wanted
 * @param workerId  the polling worker
 * @param expiresAt after this the poll has answered without the task, so the bridge must not grant it
 */
record LeaseRequest(String pollId, String taskId, String workerId, Instant expiresAt) {
    LeaseRequest {
        Objects.requireNonNull(pollId, "pollId can't be null");
        Objects.requireNonNull(taskId, "taskId can't be null");
        Objects.requireNonNull(expiresAt, "expiresAt can't be null");
    }
}
