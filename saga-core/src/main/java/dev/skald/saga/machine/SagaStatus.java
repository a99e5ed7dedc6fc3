package dev.skald.saga.machine;

/** The status of a saga. */
public enum SagaStatus {
    /** Steps are being dispatched and answered. */
    RUNNING,
    /** New dispatches are held; replies still apply. */
    PAUSED,
    /** A failure, timeout or cancel happened: in-flight steps settle, then completed steps are compensated. */
    COMPENSATING,
    /** Every step completed, was skipped, or failed while optional. */
    COMPLETED,
    /** Rolled back after a failure or a cancel: every completed step with a compensation was compensated. */
    COMPENSATED,
    /** Stopped without compensation (policy {@code fail}, or a failure after the pivot); may be retried. */
    FAILED,
    /** A compensation kept failing: needs an operator, who may retry. */
    COMPENSATION_FAILED;

    /** Whether the saga has stopped (only a retry moves a {@code FAILED} or {@code COMPENSATION_FAILED} saga on). */
    public boolean isTerminal() {
        return this == COMPLETED || this == COMPENSATED || this == FAILED || this == COMPENSATION_FAILED;
    }
}
