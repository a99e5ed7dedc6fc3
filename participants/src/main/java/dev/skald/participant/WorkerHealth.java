package dev.skald.participant;

import java.time.Instant;
import java.util.Objects;
import java.util.Set;

/**
 * How one worker (a consumer/producer pair and its thread) of a participant is doing.
 *
 * @param worker        the worker's number in its instance, from 0
 * @param state         where it is
 * @param partitions    the command partitions it handles now (assigned, and their reply log read)
 * @param failuresInARow failed turns since its last good one (a transaction rolled back, a poll that failed...);
 *                      0 when it is {@link State#RUNNING}
 * @param restarts      how often it replaced its consumer and producer since the participant started
 * @param lastError     its last failure ({@code Exception: message}), or null if it never failed
 * @param lastErrorAt   when that was, or null
 */
public record WorkerHealth(int worker, State state, Set<Integer> partitions, int failuresInARow, int restarts,
                           String lastError, Instant lastErrorAt) {

    /** Where a worker is. */
    public enum State {
        /** Joining the consumer group for the first time (or again, after a restart). */
        STARTING,
        /** Consuming and answering commands. */
        RUNNING,
        /** Its last turn failed; it rolls back and tries again, with a backoff. */
        RECOVERING,
        /** Its thread ended: the participant was closed, or failed. */
        STOPPED
    }

    public WorkerHealth {
        Objects.requireNonNull(state, "state can't be null");
        partitions = Set.copyOf(Objects.requireNonNull(partitions, "partitions can't be null"));
    }
}
