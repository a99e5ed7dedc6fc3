package dev.skald.conductor.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.skald.conductor.internal.TaskTransitions.Event;
import dev.skald.conductor.internal.TaskTransitions.Transition;
import dev.skald.saga.machine.CommandKind;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The {@link Ledger} moves a task exactly as {@link TaskTransitions#TABLE} says: every event is tried in every status,
 * and the transitions taken are the table's rows, each one of them.
 */
class TaskTransitionsTest {
    private static final Instant T0 = Instant.parse("2026-12-03T12:00:00Z");
    private static final TaskSettings SETTINGS = new TaskSettings("t", 0, "FIXED", 0, 0, 10, 30);
    private static final String ID = "s:t:1:action";

    @Test
    void theLedgerTakesEveryRowOfTheTableAndNoOther() {
        Set<Transition> taken = new HashSet<>();
        for (TaskStatus from : TaskStatus.values()) {
            for (Event event : Event.values()) {
                apply(task(from), event).ifPresent(to -> taken.add(new Transition(from, event, to)));
            }
        }

        assertThat(taken).containsExactlyInAnyOrderElementsOf(TaskTransitions.TABLE);
    }

    @Test
    void aFinishedTaskHasNoWayOut() {
        assertThat(TaskTransitions.TABLE).noneMatch(t -> t.from().terminal());
    }

    /** A task in this status, as the bridge would hold it. */
    private static BridgeTask task(TaskStatus status) {
        BridgeTask scheduled = Ledger.schedule(new TaskOrigin(ID, "s", "t", 1, CommandKind.ACTION, "t", "{}", T0),
                SETTINGS);
        BridgeTask leased = Ledger.lease(scheduled, new LeaseRequest("p", ID, "w", T0.plusSeconds(1)), T0)
                .orElseThrow();
        return switch (status) {
            case SCHEDULED -> scheduled;
            case IN_PROGRESS -> leased;
            case TIMED_OUT -> Ledger.expire(leased, T0.plusSeconds(60)).orElseThrow().task();
            default -> Ledger.update(leased, result(WorkerUpdate.ResultStatus.valueOf(status.name()), false), T0)
                    .orElseThrow().task();
        };
    }

    private static Optional<TaskStatus> apply(BridgeTask task, Event event) {
        Instant later = T0.plus(Duration.ofMinutes(5));
        return switch (event) {
            case LEASE -> Ledger.lease(task, new LeaseRequest("q", ID, "w", later.plusSeconds(1)), later)
                    .map(BridgeTask::status);
            case TIMEOUT -> Ledger.expire(task, later).map(change -> change.task().status());
            case LOG -> Ledger.update(task, new WorkerUpdate.Logs(ID, "u", List.of(new TaskLog("l", ID, 0))), later)
                    .map(change -> change.task().status());
            case EXTEND_LEASE -> Ledger.update(task, result(WorkerUpdate.ResultStatus.IN_PROGRESS, true), later)
                    .map(change -> change.task().status());
            default -> Ledger.update(task, result(WorkerUpdate.ResultStatus.valueOf(event.name()), false), later)
                    .map(change -> change.task().status());
        };
    }

    private static WorkerUpdate.Result result(WorkerUpdate.ResultStatus status, boolean extendLease) {
        return new WorkerUpdate.Result(ID, "u", status, "{}", null, 0, "w", extendLease, List.of());
    }
}
