package dev.skald.participant.jq.internal;

/**
 * Thrown inside a query whose thread was interrupted (the participant abandoned the call at its deadline), to end
 * it. Unchecked, so that a jq {@code try ... catch} (which catches only jq's own exceptions) cannot swallow it.
 */
final class QueryInterruptedException extends RuntimeException {
    QueryInterruptedException() {
        super("the jq query was interrupted");
    }

    /** Throws if the current thread is interrupted; leaves its interrupt status as it is. */
    static void check() {
        if (Thread.currentThread().isInterrupted()) {
            throw new QueryInterruptedException();
        }
    }
}
