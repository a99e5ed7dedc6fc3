package dev.skald.conductor.internal;

import dev.skald.avro.ReplyOutcome;
import dev.skald.conductor.internal.TaskTransitions.Event;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * The poll bridge's decisions about one task, as pure functions of the task, an input and the time: schedule, lease,
 * update, expire. The status moves as {@link TaskTransitions} says; what it has no row for is ignored (everything that
 * happens to a finished task). Only {@code BridgeProcessor} writes what they decide.
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
        Optional<TaskStatus> next = TaskTransitions.next(task.status(), Event.LEASE);
        if (next.isEmpty() || !task.pollable(now) || now.isAfter(request.expiresAt())) {
            return Optional.empty();
        }
        return Optional.of(task.edit().status(next.get())
                .lease(request.workerId(), request.pollId(), responseDue(task, now))
                .startedAt(now).updatedAt(now).done());
    }

    /** The task after a worker's update; empty when the table ignores it (a repeated or late update). */
    static Optional<Change> update(BridgeTask task, WorkerUpdate update, Instant now) {
        Event event = TaskTransitions.of(update);
        return TaskTransitions.next(task.status(), event).map(next -> Change.of(
                updated(task.edit().status(next).updateId(update.updateId()).updatedAt(now), task, update, event,
                        now).done()));
    }

    private static BridgeTask.Edit updated(BridgeTask.Edit edit, BridgeTask task, WorkerUpdate update, Event event,
                                           Instant now) {
        if (update instanceof WorkerUpdate.Logs logs) {
            return edit.appendLogs(logs.logs());
        }
        WorkerUpdate.Result result = (WorkerUpdate.Result) update;
        edit.appendLogs(result.logs()).worker(result.workerId());
        return switch (event) {
            case EXTEND_LEASE -> task.status() == TaskStatus.IN_PROGRESS ? edit.responseDueAt(responseDue(task, now))
                    : edit;
            case IN_PROGRESS -> edit.responseDueAt(null)
                    .availableAt(now.plus(Duration.ofSeconds(result.callbackAfterSeconds())))
                    .callbackAfterSeconds(result.callbackAfterSeconds()).output(result.output());
            case COMPLETED -> ended(edit, now).output(result.output());
            case FAILED -> ended(edit, now).output(result.output()).reason(reasonOr(result, "failed by worker"));
            case FAILED_WITH_TERMINAL_ERROR -> ended(edit, now).output(result.output())
                    .reason(reasonOr(result, "failed with a terminal error by worker"));
            case LEASE, LOG, TIMEOUT -> throw new IllegalArgumentException("not an update: " + event);
        };
    }

    /** The task timed out at {@code now}, if one of its deadlines has passed. */
    static Optional<Change> expire(BridgeTask task, Instant now) {
        return task.expiry(now).flatMap(reason -> TaskTransitions.next(task.status(), Event.TIMEOUT)
                .map(next -> Change.of(ended(task.edit().status(next), now).updatedAt(now).reason(reason).done())));
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

    private static BridgeTask.Edit ended(BridgeTask.Edit edit, Instant now) {
        return edit.endedAt(now).responseDueAt(null);
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
