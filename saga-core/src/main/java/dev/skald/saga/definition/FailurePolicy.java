package dev.skald.saga.definition;

/** What a saga does when a step fails for good before its pivot step has completed. */
public enum FailurePolicy {
    /** Compensate every completed step that has a compensation, in reverse dependency order. */
    COMPENSATE,
    /** Stop in status {@code FAILED} without compensating; an operator may retry. */
    FAIL
}
