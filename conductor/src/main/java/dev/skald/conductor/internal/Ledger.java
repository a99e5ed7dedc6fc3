package dev.skald.conductor.internal;

import dev.skald.avro.ReplyOutcome;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * The poll bridge's decisions about one task, as pure functions of the task, an input and the time: schedule, lease,
 * update, expire. Only {@code BridgeProcessor} writes what they decide. A terminal task ignores everything.
 */
final class Ledger {
    private Ledger() {
    }

    /**
     * What a terminal task answers the orchestrator.
     *
     * @param outcome how the attempt ended
     * @param output  JSON text on success, else null
     * @param error   why it failed, else null
     */
    record Reply(ReplyOutcome outcome, String output, String error) {
    }

    /**
     * A task after an input, and the reply to send when it just became terminal.
     *
     * @param task  the task to store
     * @param reply the reply, or empty
     */
    record Change(BridgeTask task, Optional<Reply> reply) {
        static Change of(BridgeTask task) {
            return new Change(task, task.status().terminal() ? Ledger.reply(task) : Optional.empty());
        }
    }

    /** A new task for a command, pollable at once. */
    static BridgeTask schedule(TaskOrigin origin, TaskSettings settings) {
        Instant at = origin.scheduledAt();
        return new BridgeTask(origin, settings, TaskStatus.SCHEDULED, null, null, null, 0, at, null, at, null, null,
                0, null, null, null);
    }

    /** The task leased to this request, or empty when it is not pollable or the request has expired. */
    static Optional<BridgeTask> lease(BridgeTask task, LeaseRequest request, Instant now) {
        if (!task.pollable(now) || now.isAfter(request.expiresAt())) {
            return Optional.empty();
        }
        return Optional.of(task.edit().status(TaskStatus.IN_PROGRESS)
                .lease(request.workerId(), request.pollId(), responseDue(task, now))
                .startedAt(now).updatedAt(now).done());
    }

    /** The task after a worker's update; empty when it is terminal (a repeated or late update is ignored). */
    static Optional<Change> update(BridgeTask task, WorkerUpdate update, Instant now) {
        if (task.status().terminal()) {
            return Optional.empty();
        }
        BridgeTask.Edit edit = task.edit().updateId(update.updateId()).updatedAt(now);
        if (update instanceof WorkerUpdate.Logs logs) {
            return Optional.of(Change.of(edit.appendLogs(logs.logs()).done()));
        }
        WorkerUpdate.Result result = (WorkerUpdate.Result) update;
        edit.appendLogs(result.logs()).worker(result.workerId());
        if (result.extendLease()) {
            return Optional.of(Change.of(task.status() == TaskStatus.IN_PROGRESS
                    ? edit.responseDueAt(responseDue(task, now)).done() : edit.done()));
        }
        return Optional.of(Change.of(switch (result.status()) {
            case IN_PROGRESS -> edit.status(TaskStatus.SCHEDULED).responseDueAt(null)
                    .availableAt(now.plus(Duration.ofSeconds(result.callbackAfterSeconds())))
                    .callbackAfterSeconds(result.callbackAfterSeconds()).output(result.output()).done();
            case COMPLETED -> ended(edit, TaskStatus.COMPLETED, now).output(result.output()).done();
            case FAILED -> ended(edit, TaskStatus.FAILED, now).output(result.output())
                    .reason(reasonOr(result, "failed by worker")).done();
            case FAILED_WITH_TERMINAL_ERROR -> ended(edit, TaskStatus.FAILED_WITH_TERMINAL_ERROR, now)
                    .output(result.output()).reason(reasonOr(result, "failed with a terminal error by worker"))
                    .done();
        }));
    }

    /** The task timed out at {@code now}, if one of its deadlines has passed. */
    static Optional<Change> expire(BridgeTask task, Instant now) {
        return task.expiry(now).map(reason -> Change.of(ended(task.edit(), TaskStatus.TIMED_OUT, now)
                .updatedAt(now).reason(reason).done()));
    }

    /** The reply a terminal task gives; empty while it runs. */
    static Optional<Reply> reply(BridgeTask task) {
        return switch (task.status()) {
            case SCHEDULED, IN_PROGRESS -> Optional.empty();
            case COMPLETED -> Optional.of(new Reply(ReplyOutcome.SUCCESS,
                    task.output() == null ? "{}" : task.output(), null));
            case FAILED, TIMED_OUT -> Optional.of(new Reply(ReplyOutcome.RETRIABLE_FAILURE, null, task.reason()));
            case FAILED_WITH_TERMINAL_ERROR -> Optional.of(new Reply(ReplyOutcome.BUSINESS_FAILURE, null,
                    task.reason()));
        };
    }

    private static BridgeTask.Edit ended(BridgeTask.Edit edit, TaskStatus status, Instant now) {
        return edit.status(status).endedAt(now).responseDueAt(null);
    }

    private static Instant responseDue(BridgeTask task, Instant now) {
        long seconds = task.settings().responseTimeoutSeconds();
        return seconds > 0 ? now.plus(Duration.ofSeconds(seconds)) : null;
    }

    private static String reasonOr(WorkerUpdate.Result result, String otherwise) {
        String worker = result.workerId() == null ? "" : " " + result.workerId();
        return result.reason() == null || result.reason().isBlank() ? otherwise + worker : result.reason();
    }
}
