package dev.skald.saga.machine;

import static dev.skald.saga.machine.Route.ALWAYS;
import static dev.skald.saga.machine.Route.COMPENSATE;
import static dev.skald.saga.machine.Route.STOP;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The transition tables of sagas and steps: every status change the machine makes is a row here, and a change that
 * is not here is a bug that fails loudly. docs/state-machine.md is generated from these tables, and a test fails
 * when a row is never exercised.
 */
public final class Transitions {
    private Transitions() {
    }

    /** Saga transitions. */
    public static final List<Transition<SagaStatus>> SAGA = sagaTable();

    /** Step transitions. */
    public static final List<Transition<StepStatus>> STEP = stepTable();

    private static List<Transition<SagaStatus>> sagaTable() {
        List<Transition<SagaStatus>> t = new ArrayList<>();
        t.add(new Transition<>(null, Trigger.START, ALWAYS, SagaStatus.RUNNING));
        t.add(new Transition<>(SagaStatus.RUNNING, Trigger.PAUSE, ALWAYS, SagaStatus.PAUSED));
        t.add(new Transition<>(SagaStatus.PAUSED, Trigger.RESUME, ALWAYS, SagaStatus.RUNNING));
        t.add(new Transition<>(SagaStatus.RUNNING, Trigger.ALL_STEPS_SETTLED, ALWAYS, SagaStatus.COMPLETED));
        for (SagaStatus live : List.of(SagaStatus.RUNNING, SagaStatus.PAUSED)) {
            for (Trigger failure : List.of(Trigger.STEP_FAILED, Trigger.SAGA_TIMEOUT)) {
                t.add(new Transition<>(live, failure, COMPENSATE, SagaStatus.COMPENSATING));
                t.add(new Transition<>(live, failure, STOP, SagaStatus.FAILED));
            }
            t.add(new Transition<>(live, Trigger.CANCEL, ALWAYS, SagaStatus.COMPENSATING));
        }
        t.add(new Transition<>(SagaStatus.COMPENSATING, Trigger.PIVOT_COMPLETED, ALWAYS, SagaStatus.FAILED));
        t.add(new Transition<>(SagaStatus.COMPENSATING, Trigger.COMPENSATIONS_DONE, ALWAYS, SagaStatus.COMPENSATED));
        t.add(new Transition<>(SagaStatus.COMPENSATING, Trigger.COMPENSATION_EXHAUSTED, ALWAYS,
                SagaStatus.COMPENSATION_FAILED));
        t.add(new Transition<>(SagaStatus.FAILED, Trigger.RETRY, ALWAYS, SagaStatus.RUNNING));
        t.add(new Transition<>(SagaStatus.COMPENSATION_FAILED, Trigger.RETRY, ALWAYS, SagaStatus.COMPENSATING));
        t.add(new Transition<>(SagaStatus.COMPLETED, Trigger.RESTART, ALWAYS, SagaStatus.RUNNING));
        t.add(new Transition<>(SagaStatus.FAILED, Trigger.RESTART, ALWAYS, SagaStatus.RUNNING));
        t.add(new Transition<>(SagaStatus.COMPENSATED, Trigger.RESTART, ALWAYS, SagaStatus.RUNNING));
        return List.copyOf(t);
    }

    private static List<Transition<StepStatus>> stepTable() {
        List<Transition<StepStatus>> t = new ArrayList<>();
        step(t, StepStatus.PENDING, Trigger.DISPATCH, StepStatus.RUNNING);
        step(t, StepStatus.PENDING, Trigger.PUBLISHED, StepStatus.COMPLETED);
        step(t, StepStatus.PENDING, Trigger.WAIT_STARTED, StepStatus.WAITING);
        step(t, StepStatus.PENDING, Trigger.CONDITION_FALSE, StepStatus.SKIPPED);
        step(t, StepStatus.PENDING, Trigger.TERMINATE, StepStatus.COMPLETED);
        step(t, StepStatus.PENDING, Trigger.TERMINATED, StepStatus.SKIPPED);
        step(t, StepStatus.RUNNING, Trigger.SUCCESS, StepStatus.COMPLETED);
        step(t, StepStatus.RUNNING, Trigger.BUSINESS_FAILURE, StepStatus.FAILED);
        step(t, StepStatus.RUNNING, Trigger.RETRIABLE_FAILURE, StepStatus.RETRY_WAIT);
        step(t, StepStatus.RUNNING, Trigger.RESPONSE_TIMEOUT, StepStatus.RETRY_WAIT);
        step(t, StepStatus.RUNNING, Trigger.ATTEMPTS_EXHAUSTED, StepStatus.FAILED);
        step(t, StepStatus.RUNNING, Trigger.STEP_TIMEOUT, StepStatus.FAILED);
        step(t, StepStatus.RUNNING, Trigger.ABANDONED, StepStatus.CANCELLED);
        step(t, StepStatus.RETRY_WAIT, Trigger.RETRY_DUE, StepStatus.PENDING);
        step(t, StepStatus.RETRY_WAIT, Trigger.STEP_TIMEOUT, StepStatus.FAILED);
        step(t, StepStatus.RETRY_WAIT, Trigger.ABANDONED, StepStatus.CANCELLED);
        step(t, StepStatus.CANCELLED, Trigger.LATE_SUCCESS, StepStatus.COMPLETED);
        step(t, StepStatus.WAITING, Trigger.WAIT_ELAPSED, StepStatus.COMPLETED);
        step(t, StepStatus.WAITING, Trigger.EVENT_RECEIVED, StepStatus.COMPLETED);
        step(t, StepStatus.WAITING, Trigger.EVENT_TIMEOUT, StepStatus.FAILED);
        step(t, StepStatus.WAITING, Trigger.ABANDONED, StepStatus.CANCELLED);
        step(t, StepStatus.COMPLETED, Trigger.COMPENSATE, StepStatus.COMPENSATING);
        step(t, StepStatus.COMPENSATING, Trigger.SUCCESS, StepStatus.COMPENSATED);
        step(t, StepStatus.COMPENSATING, Trigger.RETRIABLE_FAILURE, StepStatus.COMPENSATION_RETRY_WAIT);
        step(t, StepStatus.COMPENSATING, Trigger.RESPONSE_TIMEOUT, StepStatus.COMPENSATION_RETRY_WAIT);
        step(t, StepStatus.COMPENSATING, Trigger.BUSINESS_FAILURE, StepStatus.COMPENSATION_FAILED);
        step(t, StepStatus.COMPENSATING, Trigger.ATTEMPTS_EXHAUSTED, StepStatus.COMPENSATION_FAILED);
        step(t, StepStatus.COMPENSATION_RETRY_WAIT, Trigger.RETRY_DUE, StepStatus.COMPENSATING);
        step(t, StepStatus.FAILED, Trigger.RETRY, StepStatus.PENDING);
        step(t, StepStatus.CANCELLED, Trigger.RETRY, StepStatus.PENDING);
        step(t, StepStatus.COMPENSATION_FAILED, Trigger.RETRY, StepStatus.COMPLETED);
        for (StepStatus ended : List.of(StepStatus.COMPLETED, StepStatus.SKIPPED, StepStatus.FAILED,
                StepStatus.CANCELLED, StepStatus.COMPENSATED)) {
            step(t, ended, Trigger.RESTART, StepStatus.PENDING);
        }
        return List.copyOf(t);
    }

    private static void step(List<Transition<StepStatus>> table, StepStatus from, Trigger trigger, StepStatus to) {
        table.add(new Transition<>(from, trigger, ALWAYS, to));
    }

    /** The saga row for this change, if the table has one. */
    public static Optional<Transition<SagaStatus>> saga(SagaStatus from, Trigger trigger, Route route) {
        return find(SAGA, from, trigger, route);
    }

    /** The step row for this change, if the table has one. */
    public static Optional<Transition<StepStatus>> step(StepStatus from, Trigger trigger) {
        return find(STEP, from, trigger, ALWAYS);
    }

    private static <S extends Enum<S>> Optional<Transition<S>> find(List<Transition<S>> table, S from, Trigger trigger,
                                                                    Route route) {
        return table.stream()
                .filter(t -> t.from() == from && t.trigger() == trigger && t.route() == route)
                .findFirst();
    }

    /** The saga table as a Mermaid state diagram. */
    public static String sagaDiagram() {
        return diagram(SAGA);
    }

    /** The step table as a Mermaid state diagram. */
    public static String stepDiagram() {
        return diagram(STEP);
    }

    private static <S extends Enum<S>> String diagram(List<Transition<S>> table) {
        StringBuilder out = new StringBuilder("stateDiagram-v2\n");
        for (Transition<S> t : table) {
            out.append("    ").append(t.from() == null ? "[*]" : t.from().name()).append(" --> ")
                    .append(t.to().name()).append(" : ").append(t.trigger())
                    .append(t.route() == ALWAYS ? "" : " [" + t.route() + "]").append('\n');
        }
        return out.toString();
    }
}
