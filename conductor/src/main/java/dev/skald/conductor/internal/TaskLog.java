package dev.skald.conductor.internal;

import java.util.Objects;

/**
 * One execution log line of a task, Conductor's {@code TaskExecLog}.
 *
 * @param log         the text
 * @param taskId      the task
 * @param createdTime when it was written, epoch millis (Conductor's unit on the wire)
 */
record TaskLog(String log, String taskId, long createdTime) {
    /** The longest log line kept; a longer one is cut. */
    static final int MAX_CHARS = 4096;

    TaskLog {
        Objects.requireNonNull(log, "log can't be null");
        Objects.requireNonNull(taskId, "taskId can't be null");
        log = log.length() <= MAX_CHARS ? log : log.substring(0, MAX_CHARS) + "...";
    }
}
