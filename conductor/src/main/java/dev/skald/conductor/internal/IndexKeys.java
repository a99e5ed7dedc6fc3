package dev.skald.conductor.internal;

import java.time.Instant;

/**
 * The keys of the bridge's two indexes, which sort by time so that what is due is a range scan away: the queue
 * ({@code <task type>|<available at, 16-digit millis>|<task id>}) and the deadlines
 * ({@code <due at, 16-digit millis>|<task id>}). Both map to the task id; the task in the store is the truth, an
 * index entry only a hint.
 */
final class IndexKeys {
    private static final long LATEST_MILLIS = 9_999_999_999_999_999L;

    private IndexKeys() {
    }

    static String queue(String taskType, Instant availableAt, String taskId) {
        return queuePrefix(taskType) + millis(availableAt) + "|" + taskId;
    }

    /** The first key of a task type's queue. */
    static String queuePrefix(String taskType) {
        return taskType + "|";
    }

    /** The first key of a task type's queue that is not available at {@code now}. */
    static String queueEnd(String taskType, Instant now) {
        return queuePrefix(taskType) + millis(now.plusMillis(1));
    }

    /** Whether a key found under the prefix of this type belongs to it (a type may extend another's name). */
    static boolean inQueue(String key, String taskType) {
        String rest = key.substring(queuePrefix(taskType).length());
        return rest.length() > 17 && rest.charAt(16) == '|' && rest.substring(0, 16).chars().allMatch(Character::isDigit);
    }

    /** A key after every key of a task type's queue. */
    static String queueLast(String taskType) {
        return queuePrefix(taskType) + LATEST_MILLIS + "|" + Character.MAX_VALUE;
    }

    static String deadline(Instant dueAt, String taskId) {
        return millis(dueAt) + "|" + taskId;
    }

    /** The first deadline key after {@code now}. */
    static String deadlineEnd(Instant now) {
        return millis(now.plusMillis(1));
    }

    private static String millis(Instant at) {
        long value = Math.max(0, Math.min(LATEST_MILLIS, at.toEpochMilli()));
        String digits = Long.toString(value);
        return "0".repeat(16 - digits.length()) + digits;
    }
}
