package dev.skald.saga.machine;

import dev.skald.saga.definition.SagaDefinition;
import dev.skald.saga.internal.Machine;
import dev.skald.saga.internal.Plan;
import java.time.Instant;
import java.util.Objects;

/**
 * The state machine of one saga definition. Thread-safe and immutable: one instance serves every saga of its
 * definition.
 *
 * <pre>{@code
 * SagaMachine machine = SagaMachine.of(definition);
 * Decision started = machine.decide(null, new SagaInput.Start("order-1", input, null), now);
 * Decision next = machine.decide(started.state(), SagaInput.Reply.success("reserve", 1, output), later);
 * }</pre>
 */
public final class SagaMachine {
    private final Plan plan;
    private final Machine machine;

    private SagaMachine(Plan plan) {
        this.plan = plan;
        this.machine = new Machine(plan);
    }

    /**
     * The machine of a definition.
     *
     * @throws dev.skald.saga.definition.InvalidDefinitionException if the definition is invalid
     */
    public static SagaMachine of(SagaDefinition definition) {
        return new SagaMachine(Plan.of(Objects.requireNonNull(definition, "definition can't be null")));
    }

    /** The definition this machine runs. */
    public SagaDefinition definition() {
        return plan.definition();
    }

    /**
     * Applies one input to one saga. Pure: the same arguments always give an equal decision.
     *
     * @param state the saga's state, or null if it has not started
     * @param input what happened
     * @param now   when it happened (the input record's timestamp), never a clock read
     * @return the new state, the commands to send, the timers to change and the history events; or a rejection
     *         for an input that cannot apply (no such saga, no such step)
     * @throws IllegalArgumentException if {@code state} belongs to another definition or version
     */
    public Decision decide(SagaState state, SagaInput input, Instant now) {
        Objects.requireNonNull(input, "input can't be null");
        Objects.requireNonNull(now, "now can't be null");
        if (state != null && (!state.definition().equals(plan.definition().name())
                || state.version() != plan.definition().version())) {
            throw new IllegalArgumentException("saga " + state.sagaId() + " runs " + state.definition() + " v"
                    + state.version() + ", not " + plan.definition().name() + " v" + plan.definition().version());
        }
        return machine.decide(state, input, now);
    }
}
