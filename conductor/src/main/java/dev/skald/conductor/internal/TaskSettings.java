package dev.skald.conductor.internal;

import java.util.Objects;

/**
 * What a Conductor task definition ({@code TaskDef}) says about running tasks of its type, in Conductor's units.
 *
 * @param name                   the task type
 * @param retryCount             how many times a failed or timed-out task is retried
 * @param retryLogic             {@code FIXED}, {@code EXPONENTIAL_BACKOFF} or {@code LINEAR_BACKOFF}
 * @param retryDelaySeconds      the delay before a retry
 * @param timeoutSeconds         how long one execution may take from its first poll, 0 for no limit
 * @param responseTimeoutSeconds how long a polled task may go without an update before it times out
 * @param pollTimeoutSeconds     how long a scheduled task may wait to be polled, 0 for no limit
 */
public record TaskSettings(String name, int retryCount, String retryLogic, long retryDelaySeconds,
                           long timeoutSeconds, long responseTimeoutSeconds, long pollTimeoutSeconds) {
    /** Conductor's defaults for a task type with no definition. */
    public static TaskSettings defaults(String name) {
        return new TaskSettings(name, 3, "FIXED", 60, 0, 3600, 0);
    }

    public TaskSettings {
        Objects.requireNonNull(name, "name can't be null");
        Objects.requireNonNull(retryLogic, "retryLogic can't be null");
    }
}
