package dev.skald.saga.internal;

import com.fasterxml.jackson.databind.JsonNode;
import dev.skald.saga.definition.StepKind;
import dev.skald.saga.machine.MapElement;
import dev.skald.saga.machine.StepStatus;
import dev.skald.saga.machine.TimerId;
import dev.skald.saga.machine.TimerId.TimerKind;
import dev.skald.saga.machine.Trigger;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * The elements of one map step of a run: what {@link Maps} (forward) and {@link MapUndo} (compensation) both read.
 *
 * @param run the saga
 * @param i   the map step's index
 */
record MapElements(Run run, int i) {

    static boolean isMap(Run run, int i) {
        return run.plan.step(i).definition().kind() instanceof StepKind.ForEach;
    }

    StepKind.ForEach kind() {
        return (StepKind.ForEach) run.plan.step(i).definition().kind();
    }

    String stepId() {
        return run.step(i).id();
    }

    List<MapElement> all() {
        return run.step(i).elements();
    }

    MapElement get(int e) {
        return all().get(e);
    }

    int count(StepStatus status) {
        return (int) all().stream().filter(e -> e.status() == status).count();
    }

    /** The element in this status whose latest attempt (or compensation attempt) has this number. */
    Optional<Integer> find(StepStatus status, int attempt, boolean compensation) {
        List<MapElement> elements = all();
        for (int e = 0; e < elements.size(); e++) {
            MapElement el = elements.get(e);
            if (el.status() == status && (compensation ? el.compensationAttempt() : el.attempt()) == attempt) {
                return Optional.of(e);
            }
        }
        return Optional.empty();
    }

    /** The resolved input of element {@code e}'s command: the same every time it is built. */
    JsonNode input(int e) {
        return run.plan.step(i).input().resolve(new ElementScope(run, i, e, null, null));
    }

    /** Sets a per-attempt timer again from now (a heartbeat); nothing when there is no such timeout. */
    void restartTimer(TimerKind kind, int attempt, Duration after) {
        TimerId timer = new TimerId(kind, stepId(), attempt);
        run.cancelTimer(timer);
        run.setTimer(timer, after);
    }

    /** An operator's retry: the elements in status {@code from} go again with a fresh budget. */
    void retry(StepStatus from) {
        List<MapElement> elements = all();
        for (int e = 0; e < elements.size(); e++) {
            MapElement el = elements.get(e);
            if (el.status() == from) {
                run.updateElement(i, e, MapElement::newRound);
                run.moveElement(i, e, Trigger.RETRY, el.attempt(), null);
            }
        }
    }
}
