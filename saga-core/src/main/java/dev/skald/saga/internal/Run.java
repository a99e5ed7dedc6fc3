package dev.skald.saga.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.skald.saga.expression.Reference;
import dev.skald.saga.expression.Scope;
import dev.skald.saga.machine.Command;
import dev.skald.saga.machine.Decision;
import dev.skald.saga.machine.MapElement;
import dev.skald.saga.machine.Route;
import dev.skald.saga.machine.SagaEvent;
import dev.skald.saga.machine.SagaInput;
import dev.skald.saga.machine.SagaState;
import dev.skald.saga.machine.SagaStatus;
import dev.skald.saga.machine.StepState;
import dev.skald.saga.machine.StepStatus;
import dev.skald.saga.machine.TimerId;
import dev.skald.saga.machine.TimerOp;
import dev.skald.saga.machine.Transition;
import dev.skald.saga.machine.Transitions;
import dev.skald.saga.machine.Trigger;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.UnaryOperator;

/**
 * The working copy of one saga while one input is applied: its state, and the commands, timer changes and events
 * the decision will carry. Lives for a single {@code decide} call; every status change goes through
 * {@link Transitions}.
 */
final class Run implements Scope {
    final Plan plan;
    final Instant now;
    final String sagaId;
    private final String correlationKey;
    private final JsonNode input;
    private final Instant createdAt;
    private final Instant updatedAt;
    private SagaStatus status;
    private JsonNode output;
    private String error;
    private int round;
    private final StepState[] steps;
    private final TreeMap<TimerId, Instant> timers;
    private final List<SagaInput.ExternalEvent> inbox;
    private final List<Command> commands = new ArrayList<>();
    private final List<TimerOp> timerOps = new ArrayList<>();
    private final List<SagaEvent> events = new ArrayList<>();
    private boolean changed;

    private Run(Plan plan, Instant now, SagaState state) {
        this.plan = plan;
        this.now = now;
        this.sagaId = state.sagaId();
        this.correlationKey = state.correlationKey();
        this.input = state.input();
        this.createdAt = state.createdAt();
        this.updatedAt = state.updatedAt();
        this.status = state.status();
        this.output = state.output();
        this.error = state.error();
        this.round = state.round();
        this.steps = state.steps().toArray(StepState[]::new);
        this.timers = new TreeMap<>(state.timers());
        this.inbox = new ArrayList<>(state.inbox());
    }

    static Run of(Plan plan, SagaState state, Instant now) {
        return new Run(plan, now, state);
    }

    /** A run for a saga that is starting: its first transition ({@code [*] -> RUNNING}) is recorded here. */
    static Run starting(Plan plan, SagaInput.Start start, Instant now) {
        List<StepState> pending = new ArrayList<>();
        for (int i = 0; i < plan.size(); i++) {
            pending.add(StepState.pending(plan.step(i).id()));
        }
        SagaState initial = new SagaState(start.sagaId(), plan.definition().name(), plan.definition().version(),
                start.correlationKey(), SagaStatus.RUNNING, start.input(), null, null, now, now, 0, pending,
                new TreeMap<>(), List.of());
        Run run = new Run(plan, now, initial);
        run.changed = true;
        run.record(new SagaEvent.SagaTransitioned(now, transition(null, Trigger.START, Route.ALWAYS), null));
        return run;
    }

    SagaState state() {
        return new SagaState(sagaId, plan.definition().name(), plan.definition().version(), correlationKey, status,
                input, output, error, createdAt, changed ? now : updatedAt, round, Arrays.asList(steps), timers, inbox);
    }

    Decision decision() {
        return new Decision(state(), commands, timerOps, events, null);
    }

    // ---- saga ----

    SagaStatus status() {
        return status;
    }

    void moveSaga(Trigger trigger, Route route, String detail) {
        Transition<SagaStatus> t = transition(status, trigger, route);
        status = t.to();
        changed = true;
        record(new SagaEvent.SagaTransitioned(now, t, detail));
    }

    private static Transition<SagaStatus> transition(SagaStatus from, Trigger trigger, Route route) {
        return Transitions.saga(from, trigger, route).orElseThrow(() -> new IllegalStateException(
                "no saga transition from " + from + " on " + trigger + "/" + route));
    }

    void error(String reason) {
        error = reason;
        changed = true;
    }

    String error() {
        return error;
    }

    void clearError() {
        error = null;
        changed = true;
    }

    JsonNode output() {
        return output;
    }

    void output(JsonNode value) {
        output = value;
        changed = true;
    }

    int round() {
        return round;
    }

    void nextRound() {
        round++;
        changed = true;
    }

    JsonNode sagaInput() {
        return input;
    }

    String correlationKey() {
        return correlationKey;
    }

    // ---- steps ----

    int size() {
        return steps.length;
    }

    StepState step(int i) {
        return steps[i];
    }

    StepStatus stepStatus(int i) {
        return steps[i].status();
    }

    void moveStep(int i, Trigger trigger, int attempt, String detail) {
        Transition<StepStatus> t = Transitions.step(steps[i].status(), trigger).orElseThrow(() ->
                new IllegalStateException("no step transition from " + steps[i].status() + " on " + trigger));
        steps[i] = steps[i].withStatus(t.to(), now);
        changed = true;
        record(new SagaEvent.StepTransitioned(now, steps[i].id(), attempt, t, detail));
    }

    /**
     * Moves element {@code e} of map step {@code i} along a row of the step table; its transition is recorded under
     * the step's id, with the element named in the detail, and the step counts as changed now (so a map step that
     * makes progress is not taken for a stuck one).
     */
    void moveElement(int i, int e, Trigger trigger, int attempt, String detail) {
        MapElement element = steps[i].elements().get(e);
        Transition<StepStatus> t = Transitions.step(element.status(), trigger).orElseThrow(() ->
                new IllegalStateException("no element transition from " + element.status() + " on " + trigger));
        updateElement(i, e, el -> el.withStatus(t.to()));
        steps[i] = steps[i].withStatus(steps[i].status(), now);
        record(new SagaEvent.StepTransitioned(now, steps[i].id(), attempt, t,
                "element " + e + (detail == null ? "" : ": " + detail)));
    }

    void updateElement(int i, int e, UnaryOperator<MapElement> change) {
        List<MapElement> elements = new ArrayList<>(steps[i].elements());
        elements.set(e, change.apply(elements.get(e)));
        steps[i] = steps[i].withElements(elements);
        changed = true;
    }

    void updateStep(int i, UnaryOperator<StepState> change) {
        steps[i] = change.apply(steps[i]);
        changed = true;
    }

    boolean pivotCompleted() {
        int p = plan.pivot();
        return p >= 0 && steps[p].status() == StepStatus.COMPLETED;
    }

    // ---- timers ----

    void setTimer(TimerId id, Duration after) {
        Instant due = dev.skald.saga.definition.Bounds.plus(now, after);
        timers.put(id, due);
        timerOps.add(new TimerOp.Set(id, due));
        changed = true;
    }

    /** Removes a timer that fired; false if the saga no longer holds it. */
    boolean takeTimer(TimerId id) {
        boolean held = timers.remove(id) != null;
        changed |= held;
        return held;
    }

    void cancelTimer(TimerId id) {
        cancelTimersWhere(id::equals);
    }

    void cancelStepTimers(String stepId) {
        cancelTimersWhere(id -> id.stepId().equals(stepId));
    }

    void cancelAllTimers() {
        cancelTimersWhere(id -> true);
    }

    private void cancelTimersWhere(java.util.function.Predicate<TimerId> which) {
        List<Map.Entry<TimerId, Instant>> gone = timers.entrySet().stream().filter(e -> which.test(e.getKey())).toList();
        for (Map.Entry<TimerId, Instant> e : gone) {
            timers.remove(e.getKey());
            timerOps.add(new TimerOp.Cancel(e.getKey(), e.getValue()));
            changed = true;
        }
    }

    // ---- inbox of early events ----

    List<SagaInput.ExternalEvent> inbox() {
        return inbox;
    }

    void keep(SagaInput.ExternalEvent event) {
        inbox.add(event);
        changed = true;
    }

    void consume(SagaInput.ExternalEvent event) {
        inbox.remove(event);
        changed = true;
    }

    // ---- output of the decision ----

    void send(Command command) {
        commands.add(command);
    }

    /** Sends a command again, unchanged, and records that it was. */
    void resend(Command command, String stepId, int attempt) {
        commands.add(command);
        record(new SagaEvent.CommandResent(now, stepId, attempt, command.commandId()));
    }

    void ignore(String stepId, String reason) {
        record(new SagaEvent.InputIgnored(now, stepId, reason));
    }

    private void record(SagaEvent event) {
        events.add(event);
    }

    @Override
    public JsonNode root(Reference reference) {
        return switch (reference.root()) {
            case SAGA_INPUT -> input;
            case SAGA_ID -> TextNode.valueOf(sagaId);
            case CORRELATION_KEY -> correlationKey == null ? null : TextNode.valueOf(correlationKey);
            case STEP_OUTPUT -> plan.indexOf(reference.stepId()).map(i -> steps[i].output()).orElse(null);
            case STEP_INPUT -> plan.indexOf(reference.stepId()).map(i -> steps[i].input()).orElse(null);
            case ITEM, INDEX -> null;
        };
    }
}
