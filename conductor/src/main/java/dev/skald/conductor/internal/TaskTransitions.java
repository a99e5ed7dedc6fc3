package dev.skald.conductor.internal;

import static dev.skald.conductor.internal.TaskStatus.COMPLETED;
import static dev.skald.conductor.internal.TaskStatus.FAILED;
import static dev.skald.conductor.internal.TaskStatus.FAILED_WITH_TERMINAL_ERROR;
import static dev.skald.conductor.internal.TaskStatus.IN_PROGRESS;
import static dev.skald.conductor.internal.TaskStatus.SCHEDULED;
import static dev.skald.conductor.internal.TaskStatus.TIMED_OUT;

import java.util.List;
import java.util.Optional;

/**
 * Every move of a task's status, in one table the {@link Ledger} follows: what is not in it (anything that happens to a
 * finished task, a lease of a leased one) is ignored. {@code TaskTransitionsTest} fails when a row is never taken.
 */
final class TaskTransitions {
    /** What can happen to a task. */
    enum Event {
        /** A poll's lease request is granted. */
        LEASE,
        /** The worker reports IN_PROGRESS: poll it again after its callback. */
        IN_PROGRESS,
        /** The worker extends its lease. */
        EXTEND_LEASE,
        /** Log lines arrive. */
        LOG,
        /** The worker reports COMPLETED. */
        COMPLETED,
        /** The worker reports FAILED. */
        FAILED,
        /** The worker reports FAILED_WITH_TERMINAL_ERROR. */
        FAILED_WITH_TERMINAL_ERROR,
        /** A deadline passed: poll, response or total timeout. */
        TIMEOUT
    }

    /** One row: in status {@code from}, {@code event} leads to {@code to}. */
    record Transition(TaskStatus from, Event event, TaskStatus to) {
    }

    static final List<Transition> TABLE = List.of(
            new Transition(SCHEDULED, Event.LEASE, IN_PROGRESS),
            new Transition(SCHEDULED, Event.IN_PROGRESS, SCHEDULED),
            new Transition(IN_PROGRESS, Event.IN_PROGRESS, SCHEDULED),
            new Transition(SCHEDULED, Event.EXTEND_LEASE, SCHEDULED),
            new Transition(IN_PROGRESS, Event.EXTEND_LEASE, IN_PROGRESS),
            new Transition(SCHEDULED, Event.LOG, SCHEDULED),
            new Transition(IN_PROGRESS, Event.LOG, IN_PROGRESS),
            new Transition(SCHEDULED, Event.COMPLETED, COMPLETED),
            new Transition(IN_PROGRESS, Event.COMPLETED, COMPLETED),
            new Transition(SCHEDULED, Event.FAILED, FAILED),
            new Transition(IN_PROGRESS, Event.FAILED, FAILED),
            new Transition(SCHEDULED, Event.FAILED_WITH_TERMINAL_ERROR, FAILED_WITH_TERMINAL_ERROR),
            new Transition(IN_PROGRESS, Event.FAILED_WITH_TERMINAL_ERROR, FAILED_WITH_TERMINAL_ERROR),
            new Transition(SCHEDULED, Event.TIMEOUT, TIMED_OUT),
            new Transition(IN_PROGRESS, Event.TIMEOUT, TIMED_OUT));

    private TaskTransitions() {
    }

    /** Where {@code event} takes a task in status {@code from}; empty when the table has no such row. */
    static Optional<TaskStatus> next(TaskStatus from, Event event) {
        return TABLE.stream().filter(t -> t.from() == from && t.event() == event).map(Transition::to).findFirst();
    }

    /** The event of a worker's update. */
    static Event of(WorkerUpdate update) {
        if (update instanceof WorkerUpdate.Logs) {
            return Event.LOG;
        }
        WorkerUpdate.Result result = (WorkerUpdate.Result) update;
        if (result.extendLease()) {
            return Event.EXTEND_LEASE;
        }
        return switch (result.status()) {
            case IN_PROGRESS -> Event.IN_PROGRESS;
            case COMPLETED -> Event.COMPLETED;
            case FAILED -> Event.FAILED;
            case FAILED_WITH_TERMINAL_ERROR -> Event.FAILED_WITH_TERMINAL_ERROR;
        };
    }
}
