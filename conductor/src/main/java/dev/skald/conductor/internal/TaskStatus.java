package dev.skald.conductor.internal;

/** The statuses of a Conductor task in the poll bridge, named as Conductor's {@code Task.Status} names them. */
enum TaskStatus {
    /** Waiting to be polled (possibly not before its callback time). */
    SCHEDULED,
    /** Leased to a worker. */
    IN_PROGRESS,
    /** The worker completed it: the step's attempt succeeded. */
    COMPLETED,
    /** The worker failed it: the orchestrator retries the step under its retry policy. */
    FAILED,
    /** The worker failed it for good: the step failed and the saga compensates. */
    FAILED_WITH_TERMINAL_ERROR,
    /** No answer in time (poll, response or total timeout): the orchestrator retries the step. */
    TIMED_OUT;

    boolean terminal() {
        return this != SCHEDULED && this != IN_PROGRESS;
    }
}
