package dev.skald.conductor.internal;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * A task as the poll bridge keeps it, in its store keyed by task id. The store holds the truth; the queue and
 * deadline indexes are derived from it ({@link #pollableAt()}, {@link #nextDeadline()}).
 *
 * @param origin               the command it stands for
 * @param settings             its task definition's settings when it was scheduled
 * @param status               where it is
 * @param workerId             the worker that leased or last updated it, or null
 * @param pollId               the poll that holds (or last held) its lease, or null
 * @param updateId             the last update applied, or null
 * @param pollCount            how many times it was leased
 * @param availableAt          while SCHEDULED: when it may be polled (its callback time)
 * @param startedAt            its first lease, or null
 * @param updatedAt            its last change
 * @param endedAt              when it became terminal, or null
 * @param responseDueAt        while IN_PROGRESS: when it times out without an update
 * @param callbackAfterSeconds the worker's last callback delay
 * @param output               the worker's last output, JSON text, or null
 * @param reason               the reason for incompletion, or null
 * @param logs                 its execution logs, at most {@link #MAX_LOGS} (the oldest dropped)
 */
record BridgeTask(TaskOrigin origin, TaskSettings settings, TaskStatus status, String workerId, String pollId,
                  String updateId, int pollCount, Instant availableAt, Instant startedAt, Instant updatedAt,
                  Instant endedAt, Instant responseDueAt, long callbackAfterSeconds, String output, String reason,
                  List<TaskLog> logs) {
    /** The most log lines kept per task. */
    static final int MAX_LOGS = 100;

    BridgeTask {
        Objects.requireNonNull(origin, "origin can't be null");
        Objects.requireNonNull(settings, "settings can't be null");
        Objects.requireNonNull(status, "status can't be null");
        logs = logs == null ? List.of() : logs.subList(Math.max(0, logs.size() - MAX_LOGS), logs.size());
        logs = List.copyOf(logs);
    }

    String taskId() {
        return origin.taskId();
    }

    String sagaId() {
        return origin.sagaId();
    }

    String taskType() {
        return origin.taskType();
    }

    /** When it can be leased: while SCHEDULED, its available time; otherwise never. */
    Optional<Instant> pollableAt() {
        return status == TaskStatus.SCHEDULED ? Optional.of(availableAt) : Optional.empty();
    }

    /** Whether a poll at {@code now} may lease it. */
    boolean pollable(Instant now) {
        return pollableAt().map(at -> !at.isAfter(now)).orElse(false);
    }

    /** The earliest time it can time out, if any. */
    Optional<Instant> nextDeadline() {
        return Stream.of(pollDeadline(), responseDeadline(), totalDeadline()).flatMap(Optional::stream)
                .min(Instant::compareTo);
    }

    /** Why it has timed out at {@code now}, if it has. */
    Optional<String> expiry(Instant now) {
        if (totalDeadline().filter(at -> !at.isAfter(now)).isPresent()) {
            return Optional.of("TIMED_OUT: not finished within timeoutSeconds=" + settings.timeoutSeconds()
                    + " of its first poll");
        }
        if (responseDeadline().filter(at -> !at.isAfter(now)).isPresent()) {
            return Optional.of("TIMED_OUT: worker " + workerId + " sent no update within responseTimeoutSeconds="
                    + settings.responseTimeoutSeconds());
        }
        if (pollDeadline().filter(at -> !at.isAfter(now)).isPresent()) {
            return Optional.of("TIMED_OUT: not polled within pollTimeoutSeconds=" + settings.pollTimeoutSeconds());
        }
        return Optional.empty();
    }

    private Optional<Instant> pollDeadline() {
        return status == TaskStatus.SCHEDULED && settings.pollTimeoutSeconds() > 0
                ? Optional.of(availableAt.plus(Duration.ofSeconds(settings.pollTimeoutSeconds())))
                : Optional.empty();
    }

    private Optional<Instant> responseDeadline() {
        return status == TaskStatus.IN_PROGRESS ? Optional.ofNullable(responseDueAt) : Optional.empty();
    }

    private Optional<Instant> totalDeadline() {
        return !status.terminal() && startedAt != null && settings.timeoutSeconds() > 0
                ? Optional.of(startedAt.plus(Duration.ofSeconds(settings.timeoutSeconds())))
                : Optional.empty();
    }

    /** A copy to change. */
    Edit edit() {
        return new Edit(this);
    }

    /** A copy of a task with some fields changed. */
    static final class Edit {
        private final TaskOrigin origin;
        private final TaskSettings settings;
        private TaskStatus status;
        private String workerId;
        private String pollId;
        private String updateId;
        private int pollCount;
        private Instant availableAt;
        private Instant startedAt;
        private Instant updatedAt;
        private Instant endedAt;
        private Instant responseDueAt;
        private long callbackAfterSeconds;
        private String output;
        private String reason;
        private List<TaskLog> logs;

        private Edit(BridgeTask task) {
            origin = task.origin;
            settings = task.settings;
            status = task.status;
            workerId = task.workerId;
            pollId = task.pollId;
            updateId = task.updateId;
            pollCount = task.pollCount;
            availableAt = task.availableAt;
            startedAt = task.startedAt;
            updatedAt = task.updatedAt;
            endedAt = task.endedAt;
            responseDueAt = task.responseDueAt;
            callbackAfterSeconds = task.callbackAfterSeconds;
            output = task.output;
            reason = task.reason;
            logs = task.logs;
        }

        Edit status(TaskStatus value) {
            status = value;
            return this;
        }

        Edit lease(String worker, String poll, Instant responseDue) {
            workerId = worker;
            pollId = poll;
            responseDueAt = responseDue;
            pollCount++;
            return this;
        }

        Edit worker(String value) {
            workerId = value == null ? workerId : value;
            return this;
        }

        Edit updateId(String value) {
            updateId = value == null ? updateId : value;
            return this;
        }

        Edit availableAt(Instant value) {
            availableAt = value;
            return this;
        }

        Edit startedAt(Instant value) {
            startedAt = startedAt == null ? value : startedAt;
            return this;
        }

        Edit updatedAt(Instant value) {
            updatedAt = value;
            return this;
        }

        Edit endedAt(Instant value) {
            endedAt = value;
            return this;
        }

        Edit responseDueAt(Instant value) {
            responseDueAt = value;
            return this;
        }

        Edit callbackAfterSeconds(long value) {
            callbackAfterSeconds = value;
            return this;
        }

        Edit output(String value) {
            output = value;
            return this;
        }

        Edit reason(String value) {
            reason = value;
            return this;
        }

        Edit appendLogs(List<TaskLog> more) {
            if (!more.isEmpty()) {
                logs = Stream.concat(logs.stream(), more.stream()).toList();
            }
            return this;
        }

        BridgeTask done() {
            return new BridgeTask(origin, settings, status, workerId, pollId, updateId, pollCount, availableAt,
                    startedAt, updatedAt, endedAt, responseDueAt, callbackAfterSeconds, output, reason, logs);
        }
    }
}
