package dev.skald.saga.testing;

import com.fasterxml.jackson.databind.JsonNode;
import dev.skald.saga.definition.SagaDefinition;
import dev.skald.saga.json.Json;
import dev.skald.saga.machine.Command;
import dev.skald.saga.machine.CommandKind;
import dev.skald.saga.machine.Decision;
import dev.skald.saga.machine.MapElement;
import dev.skald.saga.machine.SagaInput;
import dev.skald.saga.machine.SagaMachine;
import dev.skald.saga.machine.SagaState;
import dev.skald.saga.machine.SagaStatus;
import dev.skald.saga.machine.StepState;
import dev.skald.saga.machine.StepStatus;
import dev.skald.saga.machine.TimerId;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * A saga under test: the real state machine, a virtual clock, and assertions on what it decides.
 *
 * <pre>{@code
 * SagaScenario.given(orderSaga)
 *     .started("order-1", Map.of("sku", "A-1", "total", 40))
 *     .expectCommand("inventory", "ReserveStock")
 *     .when().step("reserve").succeeds(Map.of("reservationId", "r-1"))
 *     .expectCommand("payment", "Charge")
 *     .when().step("charge").failsWith("card declined")
 *     .expectCommand("inventory", "ReleaseStock")
 *     .when().compensationOf("reserve").succeeds()
 *     .expectStatus(SagaStatus.COMPENSATED);
 * }</pre>
 *
 * <p>The elements of a map step are answered one by one with {@link When#element} and
 * {@link When#compensationOfElement}, and checked with {@link #expectElement} and {@link #expectCommands}.
 *
 * <p>Each {@code expect...} checks the commands sent by the latest input (or the state after it) and throws
 * {@link AssertionError} with what actually happened when it does not hold. Replies always answer the step's current
 * attempt; {@link When#timePasses(Duration)} fires every timer that comes due, in order.
 */
public final class SagaScenario {
    /** The virtual clock's start. */
    public static final Instant EPOCH = Instant.parse("2026-01-01T00:00:00Z");

    private final SagaMachine machine;
    private SagaState state;
    private Instant now = EPOCH;
    private List<Command> lastCommands = List.of();
    private final List<Decision> decisions = new ArrayList<>();

    private SagaScenario(SagaMachine machine) {
        this.machine = machine;
    }

    /** A scenario for this definition (validated). */
    public static Given given(SagaDefinition definition) {
        return new Given(new SagaScenario(SagaMachine.of(definition)));
    }

    /** The first part: the saga starts. */
    public static final class Given {
        private final SagaScenario scenario;

        private Given(SagaScenario scenario) {
            this.scenario = scenario;
        }

        /** The saga started with this input (a map, a list, a JSON tree...). */
        public SagaScenario started(String sagaId, Object input) {
            return started(sagaId, input, null);
        }

        /** The saga started with this input and correlation key. */
        public SagaScenario started(String sagaId, Object input, String correlationKey) {
            scenario.apply(new SagaInput.Start(sagaId, Json.tree(input), correlationKey));
            return scenario;
        }
    }

    /** What happens next. */
    public When when() {
        return new When();
    }

    /** Shorthand for {@code when()} after an expectation. */
    public When and() {
        return when();
    }

    /** The inputs a scenario can receive. */
    public final class When {
        private When() {
        }

        /** A reply to the current attempt of a step. */
        public Reply step(String stepId) {
            return new Reply(stepId, CommandKind.ACTION);
        }

        /** A reply to the current attempt of a step's compensation. */
        public Reply compensationOf(String stepId) {
            return new Reply(stepId, CommandKind.COMPENSATION);
        }

        /** A reply to the current attempt of element {@code index} of a map step. */
        public Reply element(String stepId, int index) {
            return new Reply(stepId, CommandKind.ACTION, index);
        }

        /** A reply to the current compensation attempt of element {@code index} of a map step. */
        public Reply compensationOfElement(String stepId, int index) {
            return new Reply(stepId, CommandKind.COMPENSATION, index);
        }

        /** The virtual clock moves on; due timers fire in order of due time. */
        public SagaScenario timePasses(Duration duration) {
            Instant until = now.plus(duration);
            List<Command> sent = new ArrayList<>();
            while (true) {
                var due = state.timers().entrySet().stream()
                        .filter(e -> !e.getValue().isAfter(until))
                        .min(Map.Entry.<TimerId, Instant>comparingByValue().thenComparing(Map.Entry.comparingByKey()));
                if (due.isEmpty()) {
                    break;
                }
                now = due.get().getValue();
                apply(new SagaInput.TimerFired(due.get().getKey()));
                sent.addAll(lastCommands);
            }
            now = until;
            lastCommands = List.copyOf(sent);
            return SagaScenario.this;
        }

        /** An operator cancels the saga. */
        public SagaScenario cancelled() {
            return control(SagaInput.ControlAction.CANCEL);
        }

        /** An operator pauses the saga. */
        public SagaScenario paused() {
            return control(SagaInput.ControlAction.PAUSE);
        }

        /** An operator resumes the saga. */
        public SagaScenario resumed() {
            return control(SagaInput.ControlAction.RESUME);
        }

        /** An operator retries the saga. */
        public SagaScenario retried() {
            return control(SagaInput.ControlAction.RETRY);
        }

        /** An operator asks for the pending commands to be sent again. */
        public SagaScenario resent() {
            return control(SagaInput.ControlAction.RESEND);
        }

        /** An operator restarts the ended saga from its first step. */
        public SagaScenario restarted() {
            return control(SagaInput.ControlAction.RESTART);
        }

        /** An external event arrives. */
        public SagaScenario event(String eventType, String correlationKey, Object payload) {
            return apply(new SagaInput.ExternalEvent(eventType, correlationKey, Json.tree(payload)));
        }

        private SagaScenario control(SagaInput.ControlAction action) {
            return apply(new SagaInput.Control(action, "test"));
        }
    }

    /** A reply to one step's current attempt. */
    public final class Reply {
        private final String stepId;
        private final CommandKind kind;
        private final Integer element;

        private Reply(String stepId, CommandKind kind) {
            this(stepId, kind, null);
        }

        private Reply(String stepId, CommandKind kind, Integer element) {
            this.stepId = stepId;
            this.kind = kind;
            this.element = element;
        }

        /** It succeeded with no output. */
        public SagaScenario succeeds() {
            return succeeds(Map.of());
        }

        /** It succeeded with this output. */
        public SagaScenario succeeds(Object output) {
            return reply(SagaInput.ReplyOutcome.SUCCESS, Json.tree(output), null);
        }

        /** It failed for a business reason (no retry). */
        public SagaScenario failsWith(String error) {
            return reply(SagaInput.ReplyOutcome.BUSINESS_FAILURE, null, error);
        }

        /** The participant is still working on it (a heartbeat): its response timeout starts again. */
        public SagaScenario isStillRunning() {
            return reply(SagaInput.ReplyOutcome.IN_PROGRESS, null, null);
        }

        /** It failed retriably. */
        public SagaScenario failsRetriably(String error) {
            return reply(SagaInput.ReplyOutcome.RETRIABLE_FAILURE, null, error);
        }

        private SagaScenario reply(SagaInput.ReplyOutcome outcome, JsonNode output, String error) {
            StepState step = stepState(stepId);
            int attempt = kind == CommandKind.ACTION ? step.attempt() : step.compensationAttempt();
            if (element != null) {
                MapElement e = elementState(stepId, element);
                attempt = kind == CommandKind.ACTION ? e.attempt() : e.compensationAttempt();
            }
            return apply(new SagaInput.Reply(stepId, attempt, kind, outcome, output, error));
        }
    }

    private SagaScenario apply(SagaInput input) {
        Decision decision = machine.decide(state, input, now);
        decisions.add(decision);
        if (decision.state() != null) {
            state = decision.state();
        }
        lastCommands = decision.commands();
        return this;
    }

    // ---- expectations ----

    /** The latest input sent a command of this type to this participant. */
    public SagaScenario expectCommand(String participant, String commandType) {
        boolean sent = lastCommands.stream().anyMatch(c -> c instanceof Command.ToParticipant p
                && p.participant().equals(participant) && p.commandType().equals(commandType));
        check(sent, "expected a command " + commandType + " to " + participant);
        return this;
    }

    /** The latest input sent a command of this type to this participant, with this payload. */
    public SagaScenario expectCommand(String participant, String commandType, Object payload) {
        JsonNode expected = Json.tree(payload);
        boolean sent = lastCommands.stream().anyMatch(c -> c instanceof Command.ToParticipant p
                && p.participant().equals(participant) && p.commandType().equals(commandType)
                && expected.equals(p.payload()));
        check(sent, "expected a command " + commandType + " to " + participant + " with payload " + expected);
        return this;
    }

    /** The latest input sent exactly {@code count} commands of this type to this participant. */
    public SagaScenario expectCommands(String participant, String commandType, int count) {
        long sent = lastCommands.stream().filter(c -> c instanceof Command.ToParticipant p
                && p.participant().equals(participant) && p.commandType().equals(commandType)).count();
        check(sent == count, "expected " + count + " commands " + commandType + " to " + participant);
        return this;
    }

    /** Element {@code index} of a map step is in this status. */
    public SagaScenario expectElement(String stepId, int index, StepStatus status) {
        check(elementState(stepId, index).status() == status, "expected element " + index + " of step '" + stepId
                + "' to be " + status);
        return this;
    }

    /** The latest input started a child saga of this definition. */
    public SagaScenario expectChildSaga(String definition) {
        boolean sent = lastCommands.stream()
                .anyMatch(c -> c instanceof Command.StartChild s && s.definition().equals(definition));
        check(sent, "expected a child saga of " + definition);
        return this;
    }

    /** The latest input published a record to this topic (a publish step), with this key and value. */
    public SagaScenario expectPublished(String topic, String key, Object value) {
        JsonNode expected = Json.tree(value);
        boolean sent = lastCommands.stream().anyMatch(c -> c instanceof Command.Publish p && p.topic().equals(topic)
                && java.util.Objects.equals(p.key(), key) && expected.equals(p.value()));
        check(sent, "expected a record with key " + key + " and value " + expected + " published to " + topic);
        return this;
    }

    /** The latest input sent nothing. */
    public SagaScenario expectNoCommands() {
        check(lastCommands.isEmpty(), "expected no commands");
        return this;
    }

    /** The saga is in this status. */
    public SagaScenario expectStatus(SagaStatus status) {
        check(state.status() == status, "expected saga status " + status);
        return this;
    }

    /** The step is in this status. */
    public SagaScenario expectStep(String stepId, StepStatus status) {
        check(stepState(stepId).status() == status, "expected step '" + stepId + "' to be " + status);
        return this;
    }

    /** The saga's output equals this value. */
    public SagaScenario expectOutput(Object output) {
        JsonNode expected = Json.tree(output);
        check(expected.equals(state.output()), "expected output " + expected);
        return this;
    }

    /** The saga's current state. */
    public SagaState state() {
        return state;
    }

    /** The commands the latest input sent. */
    public List<Command> lastCommands() {
        return lastCommands;
    }

    /** Every decision so far, in order. */
    public List<Decision> decisions() {
        return List.copyOf(decisions);
    }

    /** The virtual clock. */
    public Instant now() {
        return now;
    }

    private StepState stepState(String stepId) {
        Objects.requireNonNull(state, "the saga has not started");
        return state.step(stepId).orElseThrow(() -> new AssertionError("the saga has no step '" + stepId + "'"));
    }

    private MapElement elementState(String stepId, int index) {
        List<MapElement> elements = stepState(stepId).elements();
        if (index < 0 || index >= elements.size()) {
            throw new AssertionError("step '" + stepId + "' has no element " + index + " (it has " + elements.size()
                    + ")");
        }
        return elements.get(index);
    }

    private void check(boolean holds, String expectation) {
        if (!holds) {
            throw new AssertionError(expectation + ", but\n" + describe());
        }
    }

    private String describe() {
        String commands = lastCommands.isEmpty() ? "  (none)" : lastCommands.stream()
                .map(SagaScenario::describe).collect(Collectors.joining("\n  ", "  ", ""));
        String steps = state == null ? "" : state.steps().stream()
                .map(s -> s.id() + "=" + s.status() + (s.error() == null ? "" : " (" + s.error() + ")"))
                .collect(Collectors.joining(", "));
        return "the latest input sent:\n" + commands + "\nthe saga is " + (state == null ? "not started"
                : state.status() + (state.error() == null ? "" : " (" + state.error() + ")") + "; steps: " + steps);
    }

    private static String describe(Command command) {
        if (command instanceof Command.ToParticipant p) {
            return p.commandType() + " to " + p.participant() + " " + p.payload() + " [" + p.commandId() + "]";
        }
        return command.toString();
    }
}
