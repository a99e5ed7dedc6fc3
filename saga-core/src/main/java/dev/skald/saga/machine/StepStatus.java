package dev.skald.saga.machine;

/** The status of one step of a saga. */
public enum StepStatus {
    /** Not started yet (or due for its next attempt). */
    PENDING,
    /** Its command was sent (or its child saga started); waiting for the reply. */
    RUNNING,
    /** A wait step waiting for its duration or its event. */
    WAITING,
    /** Failed retriably; waiting for its backoff to elapse. */
    RETRY_WAIT,
    /** Done, with its output. */
    COMPLETED,
    /** Not run: its condition was false, or a terminate step ended the saga first. */
    SKIPPED,
    /** Failed for good (business failure, attempts exhausted, timed out). */
    FAILED,
    /** Stopped before it could finish because the saga is winding down. */
    CANCELLED,
    /** Its compensation was sent; waiting for the reply. */
    COMPENSATING,
    /** Its compensation failed retriably; waiting for the backoff. */
    COMPENSATION_RETRY_WAIT,
    /** Undone by its compensation. */
    COMPENSATED,
    /** Its compensation failed for good. */
    COMPENSATION_FAILED
}
