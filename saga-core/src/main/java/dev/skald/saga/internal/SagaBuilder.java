package dev.skald.saga.internal;

import dev.skald.saga.json.Json;
import com.fasterxml.jackson.databind.JsonNode;
import dev.skald.saga.definition.Compensation;
import dev.skald.saga.definition.FailurePolicy;
import dev.skald.saga.definition.RetryPolicy;
import dev.skald.saga.definition.Saga;
import dev.skald.saga.definition.SagaDefinition;
import dev.skald.saga.definition.SagaDefinitions;
import dev.skald.saga.definition.StepDefinition;
import dev.skald.saga.definition.StepKind;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;

/** The implementation of {@link Saga}'s builder: one saga draft and, at any time, one step draft. */
public final class SagaBuilder implements Saga.Named, Saga.First {
    private final String name;
    private int version;
    private Duration timeout;
    private FailurePolicy policy = FailurePolicy.COMPENSATE;
    private JsonNode output;
    private final List<StepDefinition> steps = new ArrayList<>();
    private StepDraft<?> current;

    private SagaBuilder(String name) {
        this.name = Objects.requireNonNull(name, "name can't be null");
    }

    public static Saga.Named named(String name) {
        return new SagaBuilder(name);
    }

    @Override
    public Saga.First version(int newVersion) {
        this.version = newVersion;
        return this;
    }

    @Override
    public Saga.Target step(String id) {
        finishStep();
        return new Target(Objects.requireNonNull(id, "step id can't be null"));
    }

    private void finishStep() {
        if (current != null) {
            steps.add(current.toDefinition());
            current = null;
        }
    }

    private SagaDefinition build() {
        finishStep();
        return SagaDefinitions.requireValid(new SagaDefinition(name, version, steps, timeout, policy, output));
    }

    private String previousStepId() {
        return steps.isEmpty() ? null : steps.get(steps.size() - 1).id();
    }

    /** Chooses what a step does. */
    private final class Target implements Saga.Target {
        private final String id;

        Target(String id) {
            this.id = id;
        }

        @Override
        public Saga.TaskOptions call(String participant, String commandType) {
            return start(new TaskDraft(id, participant, commandType));
        }

        @Override
        public Saga.MapTarget forEach(String items) {
            return (participant, commandType) -> start(new MapDraft(id, items, participant, commandType));
        }

        @Override
        public Saga.WaitOptions waitFor(Duration duration) {
            return start(new WaitDraft(id, duration));
        }

        @Override
        public Saga.EventOptions awaitEvent(String eventType) {
            return start(new EventDraft(id, eventType));
        }

        @Override
        public Saga.SubSagaOptions subSaga(String definition) {
            return start(new SubSagaDraft(id, definition));
        }

        @Override
        public Saga.TerminateOptions terminate(StepKind.Terminate.Outcome outcome) {
            return start(new TerminateDraft(id, outcome));
        }

        private <T extends StepDraft<?>> T start(T draft) {
            current = draft;
            return draft;
        }
    }

    /** What every step draft shares: the options of every step, and the way on to the next step or the end. */
    private abstract class StepDraft<T extends Saga.StepOptions<T>> implements Saga.StepOptions<T> {
        final String id;
        private List<String> dependsOn;
        private String when;
        private boolean optional;
        private boolean pivot;
        Compensation undo;

        StepDraft(String id) {
            this.id = id;
            String previous = previousStepId();
            this.dependsOn = previous == null ? List.of() : List.of(previous);
        }

        abstract StepKind kind();

        abstract T self();

        StepDefinition toDefinition() {
            return new StepDefinition(id, kind(), dependsOn, when, optional, pivot);
        }

        @Override
        public T dependsOn(String... stepIds) {
            dependsOn = Arrays.asList(stepIds);
            return self();
        }

        @Override
        public T when(String condition) {
            when = condition;
            return self();
        }

        @Override
        public T optional() {
            optional = true;
            return self();
        }

        @Override
        public T pivot() {
            pivot = true;
            return self();
        }

        Saga.CompensationOptions compensation(String participant, String commandType) {
            undo = new Compensation(participant, commandType, null, null, null);
            return new CompensationDraft(this);
        }

        @Override
        public Saga.Target step(String nextId) {
            return SagaBuilder.this.step(nextId);
        }

        @Override
        public Saga.Steps sagaTimeout(Duration sagaTimeout) {
            timeout = sagaTimeout;
            return this;
        }

        @Override
        public Saga.Steps onFailure(FailurePolicy failurePolicy) {
            policy = Objects.requireNonNull(failurePolicy, "policy can't be null");
            return this;
        }

        @Override
        public Saga.Steps output(Object mapping) {
            output = Json.tree(mapping);
            return this;
        }

        @Override
        public SagaDefinition build() {
            return SagaBuilder.this.build();
        }
    }

    /** A step that sends commands to a participant: what tasks and map steps share. */
    private abstract class CommandDraft<T extends Saga.CommandOptions<T>> extends StepDraft<T>
            implements Saga.CommandOptions<T> {
        final String participant;
        final String commandType;
        JsonNode input;
        RetryPolicy retry;
        Duration responseTimeout;
        Duration stepTimeout;

        CommandDraft(String id, String participant, String commandType) {
            super(id);
            this.participant = participant;
            this.commandType = commandType;
        }

        @Override
        public T input(Map<String, ?> mapping) {
            input = Json.tree(mapping);
            return self();
        }

        @Override
        public T input(JsonNode mapping) {
            input = Json.tree(mapping);
            return self();
        }

        @Override
        public T retry(RetryPolicy policy) {
            retry = policy;
            return self();
        }

        @Override
        public T responseTimeout(Duration value) {
            responseTimeout = value;
            return self();
        }

        @Override
        public T timeout(Duration value) {
            stepTimeout = value;
            return self();
        }

        @Override
        public Saga.CompensationOptions compensateWith(String undoParticipant, String undoCommand) {
            return compensation(undoParticipant, undoCommand);
        }
    }

    private final class TaskDraft extends CommandDraft<Saga.TaskOptions> implements Saga.TaskOptions {
        TaskDraft(String id, String participant, String commandType) {
            super(id, participant, commandType);
        }

        @Override
        StepKind kind() {
            return new StepKind.Task(participant, commandType, input, retry, responseTimeout, stepTimeout, undo);
        }

        @Override
        Saga.TaskOptions self() {
            return this;
        }
    }

    private final class MapDraft extends CommandDraft<Saga.MapOptions> implements Saga.MapOptions {
        private final String items;
        private Integer concurrency;

        MapDraft(String id, String items, String participant, String commandType) {
            super(id, participant, commandType);
            this.items = items;
        }

        @Override
        StepKind kind() {
            return new StepKind.ForEach(items, concurrency, participant, commandType, input, retry, responseTimeout,
                    stepTimeout, undo);
        }

        @Override
        Saga.MapOptions self() {
            return this;
        }

        @Override
        public Saga.MapOptions concurrency(int value) {
            concurrency = value;
            return this;
        }
    }

    private final class WaitDraft extends StepDraft<Saga.WaitOptions> implements Saga.WaitOptions {
        private final Duration duration;

        WaitDraft(String id, Duration duration) {
            super(id);
            this.duration = duration;
        }

        @Override
        StepKind kind() {
            return new StepKind.Wait(duration);
        }

        @Override
        Saga.WaitOptions self() {
            return this;
        }
    }

    private final class EventDraft extends StepDraft<Saga.EventOptions> implements Saga.EventOptions {
        private final String eventType;
        private String correlationKey;
        private Duration eventTimeout;

        EventDraft(String id, String eventType) {
            super(id);
            this.eventType = eventType;
        }

        @Override
        StepKind kind() {
            return new StepKind.AwaitEvent(eventType, correlationKey, eventTimeout);
        }

        @Override
        Saga.EventOptions self() {
            return this;
        }

        @Override
        public Saga.EventOptions correlatedBy(String expression) {
            correlationKey = expression;
            return this;
        }

        @Override
        public Saga.EventOptions timeout(Duration value) {
            eventTimeout = value;
            return this;
        }
    }

    private final class SubSagaDraft extends StepDraft<Saga.SubSagaOptions> implements Saga.SubSagaOptions {
        private final String definition;
        private Integer childVersion;
        private JsonNode input;
        private Duration childTimeout;

        SubSagaDraft(String id, String definition) {
            super(id);
            this.definition = definition;
        }

        @Override
        StepKind kind() {
            return new StepKind.SubSaga(definition, childVersion, input, childTimeout, undo);
        }

        @Override
        Saga.SubSagaOptions self() {
            return this;
        }

        @Override
        public Saga.SubSagaOptions version(int value) {
            childVersion = value;
            return this;
        }

        @Override
        public Saga.SubSagaOptions input(Map<String, ?> mapping) {
            input = Json.tree(mapping);
            return this;
        }

        @Override
        public Saga.SubSagaOptions timeout(Duration value) {
            childTimeout = value;
            return this;
        }

        @Override
        public Saga.CompensationOptions compensateWith(String undoParticipant, String undoCommand) {
            return compensation(undoParticipant, undoCommand);
        }
    }

    private final class TerminateDraft extends StepDraft<Saga.TerminateOptions> implements Saga.TerminateOptions {
        private final StepKind.Terminate.Outcome outcome;
        private JsonNode sagaOutput;
        private String reason;

        TerminateDraft(String id, StepKind.Terminate.Outcome outcome) {
            super(id);
            this.outcome = outcome;
        }

        @Override
        StepKind kind() {
            return new StepKind.Terminate(outcome, sagaOutput, reason);
        }

        @Override
        Saga.TerminateOptions self() {
            return this;
        }

        @Override
        public Saga.TerminateOptions sagaOutput(Object mapping) {
            sagaOutput = Json.tree(mapping);
            return this;
        }

        @Override
        public Saga.TerminateOptions reason(String value) {
            reason = value;
            return this;
        }
    }

    /** The options of a step's compensation; it edits the step's compensation in place. */
    private final class CompensationDraft implements Saga.CompensationOptions {
        private final StepDraft<?> step;

        CompensationDraft(StepDraft<?> step) {
            this.step = step;
        }

        private Saga.CompensationOptions change(Function<Compensation, Compensation> edit) {
            step.undo = edit.apply(step.undo);
            return this;
        }

        @Override
        public Saga.CompensationOptions input(Map<String, ?> mapping) {
            return change(c -> new Compensation(c.participant(), c.commandType(), Json.tree(mapping), c.retry(),
                    c.responseTimeout()));
        }

        @Override
        public Saga.CompensationOptions retry(RetryPolicy retry) {
            return change(c -> new Compensation(c.participant(), c.commandType(), c.input(), retry, c.responseTimeout()));
        }

        @Override
        public Saga.CompensationOptions responseTimeout(Duration timeout) {
            return change(c -> new Compensation(c.participant(), c.commandType(), c.input(), c.retry(), timeout));
        }

        @Override
        public Saga.Target step(String nextId) {
            return step.step(nextId);
        }

        @Override
        public Saga.Steps sagaTimeout(Duration sagaTimeout) {
            return step.sagaTimeout(sagaTimeout);
        }

        @Override
        public Saga.Steps onFailure(FailurePolicy failurePolicy) {
            return step.onFailure(failurePolicy);
        }

        @Override
        public Saga.Steps output(Object mapping) {
            return step.output(mapping);
        }

        @Override
        public SagaDefinition build() {
            return step.build();
        }
    }
}
