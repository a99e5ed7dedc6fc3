package dev.skald.saga.machine;

import com.fasterxml.jackson.databind.JsonNode;
import dev.skald.saga.definition.SagaDefinition;
import dev.skald.saga.definition.StepDefinition;
import dev.skald.saga.definition.StepKind;
import dev.skald.saga.json.Json;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Random;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Drives one random saga through a random interleaving of replies (right, duplicate and late), timer firings (due
 * and stale), control requests and external events, then answers everything until the saga stops. Checks the
 * machine's invariants after every decision and throws {@link AssertionError} naming the one that broke.
 */
final class Simulation {
    private record Sent(String stepId, int attempt, CommandKind kind) {
    }

    private final Random random;
    private final SagaDefinition definition;
    private final SagaMachine machine;
    private final Consumer<SagaEvent> events;
    private final List<SagaInput> inputs = new ArrayList<>();
    private final List<Instant> times = new ArrayList<>();
    private final List<Sent> outstanding = new ArrayList<>();
    private final List<Sent> answered = new ArrayList<>();
    private final Map<String, Command> commandsById = new java.util.HashMap<>();
    private final Set<TimerId> timersEverSet = new HashSet<>();
    private final Set<String> everCompleted = new HashSet<>();
    private SagaState state;
    private Instant now = Instant.parse("2026-01-01T00:00:00Z");

    Simulation(long seed, Consumer<SagaEvent> events) {
        this.random = new Random(seed);
        this.definition = RandomSagas.definition(random);
        this.machine = SagaMachine.of(definition);
        this.events = events;
    }

    SagaDefinition definition() {
        return definition;
    }

    SagaState state() {
        return state;
    }

    /** Runs the whole simulation; returns the final state. */
    SagaState run() {
        List<Integer> items = java.util.stream.IntStream.range(0, random.nextInt(4)).boxed().toList();
        JsonNode input = Json.tree(Map.of("key", "k" + random.nextInt(2), "flags", flags(), "items", items));
        apply(new SagaInput.Start("saga-1", input, "corr"));
        int moves = random.nextInt(40);
        for (int i = 0; i < moves; i++) {
            randomMove();
        }
        drain();
        return state;
    }

    private Map<String, Boolean> flags() {
        Map<String, Boolean> flags = new java.util.HashMap<>();
        for (int i = 0; i < 12; i++) {
            flags.put("s" + i, random.nextBoolean());
        }
        return flags;
    }

    private void randomMove() {
        int pick = random.nextInt(100);
        if (pick < 45 && !outstanding.isEmpty()) {
            answer(outstanding.remove(random.nextInt(outstanding.size())), randomOutcome());
        } else if (pick < 48 && !outstanding.isEmpty()) {
            apply(reply(outstanding.get(random.nextInt(outstanding.size())), SagaInput.ReplyOutcome.IN_PROGRESS));
        } else if (pick < 55 && !answered.isEmpty()) {
            Sent again = answered.get(random.nextInt(answered.size()));
            apply(reply(again, randomOutcome()));
        } else if (pick < 75 && !state.timers().isEmpty()) {
            fireEarliestTimer();
        } else if (pick < 80 && !timersEverSet.isEmpty()) {
            List<TimerId> ever = new ArrayList<>(timersEverSet);
            ever.sort(null);
            apply(new SagaInput.TimerFired(ever.get(random.nextInt(ever.size()))));
        } else if (pick < 90) {
            SagaInput.ControlAction[] actions = SagaInput.ControlAction.values();
            apply(new SagaInput.Control(actions[random.nextInt(actions.length)], "random"));
        } else if (pick < 96) {
            apply(new SagaInput.ExternalEvent("event" + random.nextInt(2), "k" + random.nextInt(2),
                    Json.tree(Map.of("e", 1))));
        } else {
            now = now.plus(Duration.ofMillis(random.nextInt(5000)));
        }
    }

    private SagaInput.ReplyOutcome randomOutcome() {
        int pick = random.nextInt(10);
        return pick < 7 ? SagaInput.ReplyOutcome.SUCCESS
                : pick < 9 ? SagaInput.ReplyOutcome.RETRIABLE_FAILURE : SagaInput.ReplyOutcome.BUSINESS_FAILURE;
    }

    /** Answers every command, fires every timer, resumes and delivers awaited events until the saga stops. */
    private void drain() {
        for (int guard = 0; guard < 10_000; guard++) {
            if (!outstanding.isEmpty()) {
                answer(outstanding.remove(0), randomOutcome());
            } else if (state.status() == SagaStatus.PAUSED) {
                apply(new SagaInput.Control(SagaInput.ControlAction.RESUME, "drain"));
            } else if (!state.timers().isEmpty()) {
                fireEarliestTimer();
            } else if (!deliverAwaitedEvent()) {
                return;
            }
        }
        throw new AssertionError("the saga never settled: " + state);
    }

    private boolean deliverAwaitedEvent() {
        for (StepState step : state.steps()) {
            if (step.status() == StepStatus.WAITING && step.input() != null && step.input().has("event")) {
                JsonNode key = step.input().get("correlationKey");
                apply(new SagaInput.ExternalEvent(step.input().get("event").asText(),
                        key == null || key.isNull() ? null : key.asText(), Json.tree(Map.of("e", 2))));
                return true;
            }
        }
        return false;
    }

    private void fireEarliestTimer() {
        var earliest = state.timers().entrySet().stream()
                .min(Map.Entry.<TimerId, Instant>comparingByValue().thenComparing(Map.Entry.comparingByKey()))
                .orElseThrow();
        if (earliest.getValue().isAfter(now)) {
            now = earliest.getValue();
        }
        apply(new SagaInput.TimerFired(earliest.getKey()));
    }

    private void answer(Sent sent, SagaInput.ReplyOutcome outcome) {
        answered.add(sent);
        apply(reply(sent, outcome));
    }

    private static SagaInput.Reply reply(Sent sent, SagaInput.ReplyOutcome outcome) {
        JsonNode output = outcome == SagaInput.ReplyOutcome.SUCCESS ? Json.tree(Map.of("done", sent.stepId())) : null;
        String error = outcome == SagaInput.ReplyOutcome.SUCCESS ? null : "failure of " + sent.stepId();
        return new SagaInput.Reply(sent.stepId(), sent.attempt(), sent.kind(), outcome, output, error);
    }

    private void apply(SagaInput input) {
        now = now.plusMillis(1);
        SagaState before = state;
        Decision decision = machine.decide(before, input, now);
        Decision again = machine.decide(before, input, now);
        check(decision.equals(again), "the same input on the same state gave different decisions");
        check(decision.rejected().isEmpty(), "a valid input was rejected: " + decision.rejection());
        inputs.add(input);
        times.add(now);
        state = decision.state();
        decision.events().forEach(events);
        decision.events().forEach(this::noteCompletion);
        checkCommands(before, decision);
        decision.timers().stream().filter(TimerOp.Set.class::isInstance).forEach(t -> timersEverSet.add(t.id()));
        for (Command command : decision.commands()) {
            if (!(command instanceof Command.Publish)) {
                outstanding.add(new Sent(command.stepId(), command.attempt(), command.kind()));
            }
        }
    }

    private void checkCommands(SagaState before, Decision decision) {
        Set<String> resent = new HashSet<>();
        decision.events().stream().filter(SagaEvent.CommandResent.class::isInstance)
                .forEach(e -> resent.add(((SagaEvent.CommandResent) e).commandId()));
        for (Command command : decision.commands()) {
            check(command instanceof Command.ToParticipant || command instanceof Command.Publish,
                    "random sagas send only participant commands and published records");
            Command first = commandsById.putIfAbsent(command.commandId(), command);
            if (first != null) {
                check(resent.contains(command.commandId()), "command " + command.commandId() + " was sent twice");
                checkResent(first, command);
                continue;
            }
            check(!resent.contains(command.commandId()), "command " + command.commandId()
                    + " was recorded as resent but never sent before");
            int index = indexOf(command.stepId());
            if (command.kind() == CommandKind.COMPENSATION) {
                checkCompensation(before, index, command);
            } else {
                checkDispatch(before, index, command);
            }
        }
    }

    /** A resent command is the one first sent: same id, step, attempt and kind, and the same input for actions. */
    private void checkResent(Command first, Command again) {
        check(first.stepId().equals(again.stepId()) && first.attempt() == again.attempt()
                && first.kind() == again.kind(), "resent " + again + " differs from the first " + first);
        if (first.kind() == CommandKind.ACTION) {
            check(first.equals(again), "resent " + again + " differs from the first " + first);
        }
    }

    private void noteCompletion(SagaEvent event) {
        if (event instanceof SagaEvent.StepTransitioned t && t.transition().to() == StepStatus.COMPLETED
                && t.transition().from() != StepStatus.COMPENSATION_FAILED) {
            everCompleted.add(t.stepId());
        }
    }

    private void checkCompensation(SagaState before, int index, Command command) {
        check(everCompleted.contains(command.stepId()),
                "compensation of " + command.stepId() + " commanded though it never completed");
        StepState step = state.steps().get(index);
        boolean compensating = step.elements().isEmpty() ? step.status() == StepStatus.COMPENSATING
                : step.elements().stream().anyMatch(e -> e.compensationAttempt() == command.attempt()
                && e.status() == StepStatus.COMPENSATING);
        check(compensating, "compensation of " + command.stepId() + " commanded but the step (or its element) is not "
                + "COMPENSATING");
        definition.pivot().ifPresent(pivot -> {
            int p = indexOf(pivot.id());
            check(before.steps().get(p).status() != StepStatus.COMPLETED
                            && state.steps().get(p).status() != StepStatus.COMPLETED,
                    "compensation commanded after the pivot completed");
        });
    }

    private void checkDispatch(SagaState before, int index, Command command) {
        check(before == null || before.status() != SagaStatus.PAUSED || state.status() != SagaStatus.PAUSED,
                "step " + command.stepId() + " dispatched while paused");
        StepDefinition step = definition.steps().get(index);
        for (String dep : step.dependsOn()) {
            StepState depState = state.steps().get(indexOf(dep));
            boolean settled = depState.status() == StepStatus.COMPLETED || depState.status() == StepStatus.SKIPPED
                    || depState.status() == StepStatus.FAILED && definition.step(dep).orElseThrow().optional()
                    || command instanceof Command.Publish && completedOnce(depState.status());
            check(settled, "step " + command.stepId() + " dispatched while its dependency " + dep + " is "
                    + depState.status());
        }
    }

    /**
     * A publish step completes in the decision that starts it, so later steps of the same decision may fail the saga
     * and start compensating the steps it depended on: by the decision's end, those may be undoing a completion.
     */
    private static boolean completedOnce(StepStatus status) {
        return status == StepStatus.COMPENSATING || status == StepStatus.COMPENSATION_RETRY_WAIT
                || status == StepStatus.COMPENSATED || status == StepStatus.COMPENSATION_FAILED;
    }

    /** Folds every input again from nothing; the result must equal the state reached. */
    SagaState refold() {
        SagaState folded = null;
        for (int i = 0; i < inputs.size(); i++) {
            folded = machine.decide(folded, inputs.get(i), times.get(i)).state();
        }
        return folded;
    }

    boolean hasEventSteps() {
        return definition.steps().stream().anyMatch(s -> s.kind() instanceof StepKind.AwaitEvent);
    }

    private int indexOf(String stepId) {
        for (int i = 0; i < definition.steps().size(); i++) {
            if (definition.steps().get(i).id().equals(stepId)) {
                return i;
            }
        }
        throw new AssertionError("no step " + stepId);
    }

    private void check(boolean holds, String invariant) {
        if (!holds) {
            throw new AssertionError(invariant + "\n  definition: " + definition + "\n  state: "
                    + Objects.toString(state));
        }
    }
}
