package dev.skald.saga.definition;

import com.fasterxml.jackson.databind.JsonNode;
import dev.skald.saga.internal.SagaBuilder;
import java.time.Duration;
import java.util.Map;

/**
 * The type-state builder of saga definitions: each call offers only what may legally come next.
 *
 * <pre>{@code
 * SagaDefinition order = Saga.named("order").version(1)
 *     .step("reserve").call("inventory", "ReserveStock")
 *         .input(Map.of("sku", "${input.sku}", "qty", "${input.qty}"))
 *         .retry(RetryPolicy.exponential(5, Duration.ofMillis(200), Duration.ofSeconds(10)))
 *         .compensateWith("inventory", "ReleaseStock")
 *             .input(Map.of("reservationId", "${reserve.output.reservationId}"))
 *     .step("charge").call("payment", "Charge")
 *         .input(Map.of("amount", "${input.total}"))
 *         .responseTimeout(Duration.ofSeconds(30))
 *         .compensateWith("payment", "Refund")
 *     .step("ship").call("shipping", "CreateShipment").pivot()
 *     .step("notify").call("notification", "Notify").optional()
 *     .step("price").forEach("${input.lines}").call("pricing", "PriceLine")
 *         .input(Map.of("sku", "${item.sku}")).concurrency(5)
 *     .sagaTimeout(Duration.ofHours(1))
 *     .build();
 * }</pre>
 *
 * <p>A step without {@code dependsOn} depends on the step declared before it (sequential by default; the first step
 * has none); {@code dependsOn()} with no argument makes it a root that starts with the saga. Compensation options
 * come last in a step. {@link Steps#build()} validates the definition and throws
 * {@link InvalidDefinitionException} listing every problem.
 */
public final class Saga {
    private Saga() {
    }

    /** Starts a definition. */
    public static Named named(String name) {
        return SagaBuilder.named(name);
    }

    /** A definition that needs its version. */
    public interface Named {
        /** The version, at least 1. */
        First version(int version);
    }

    /** A definition with no step yet. */
    public interface First {
        /** Adds a step. */
        Target step(String id);
    }

    /** A step that needs to say what it does. */
    public interface Target {
        /** Sends {@code commandType} to {@code participant} and waits for its reply. */
        TaskOptions call(String participant, String commandType);

        /**
         * A map step: one command per element of the array {@code items} (one reference, such as
         * {@code ${input.lines}}), at most {@link MapOptions#concurrency} in flight, their outputs joined in order.
         * In the input mapping, {@code ${item}} is the element and {@code ${index}} its position.
         */
        MapTarget forEach(String items);

        /** Waits for a duration. */
        WaitOptions waitFor(Duration duration);

        /** Waits for an external event of this type. */
        EventOptions awaitEvent(String eventType);

        /** Runs a child saga of this definition. */
        SubSagaOptions subSaga(String definition);

        /** Ends the saga with this outcome when reached. */
        TerminateOptions terminate(StepKind.Terminate.Outcome outcome);
    }

    /** A definition with at least one step: more steps, saga options, or build. */
    public interface Steps extends First {
        /** The saga-level timeout. */
        Steps sagaTimeout(Duration timeout);

        /** What to do when a step fails for good before the pivot (default {@link FailurePolicy#COMPENSATE}). */
        Steps onFailure(FailurePolicy policy);

        /** The saga's output mapping (a map or a JSON tree whose strings may hold {@code ${...}}). */
        Steps output(Object mapping);

        /** The validated definition. */
        SagaDefinition build();
    }

    /** Options every step has. */
    public interface StepOptions<T extends StepOptions<T>> extends Steps {
        /** The steps this one waits for; none makes it a root. */
        T dependsOn(String... stepIds);

        /** A condition; the step is skipped when it is false. */
        T when(String condition);

        /** The step's failure leaves the saga running. */
        T optional();

        /** This step is the pivot: once it completes, the saga only goes forward. */
        T pivot();
    }

    /** Options of a wait step. */
    public interface WaitOptions extends StepOptions<WaitOptions> {
    }

    /** Options of a step that sends commands to a participant: a task or a map step. */
    public interface CommandOptions<T extends CommandOptions<T>> extends StepOptions<T> {
        /** The input mapping. */
        T input(Map<String, ?> mapping);

        /** The input mapping, as a JSON tree. */
        T input(JsonNode mapping);

        /** The retry policy of each command (default {@link RetryPolicy#DEFAULT}). */
        T retry(RetryPolicy retry);

        /**
         * How long one attempt may go unanswered before it counts as a retriable failure (default
         * {@link StepKind#DEFAULT_RESPONSE_TIMEOUT}).
         */
        T responseTimeout(Duration timeout);

        /** How long the step may take over all its attempts. */
        T timeout(Duration timeout);

        /** The compensation (of each completed element, for a map step); its options follow. */
        CompensationOptions compensateWith(String participant, String commandType);
    }

    /** Options of a task step. */
    public interface TaskOptions extends CommandOptions<TaskOptions> {
    }

    /** A map step that needs the command it sends for each element. */
    public interface MapTarget {
        /** Sends {@code commandType} to {@code participant} for each element. */
        MapOptions call(String participant, String commandType);
    }

    /** Options of a map step. */
    public interface MapOptions extends CommandOptions<MapOptions> {
        /** How many elements may be in flight at once, 1 to 1000 (default 10). */
        MapOptions concurrency(int concurrency);
    }

    /** Options of an event wait. */
    public interface EventOptions extends StepOptions<EventOptions> {
        /** The key the event must carry (an expression such as {@code ${input.orderId}}). */
        EventOptions correlatedBy(String expression);

        /** How long to wait before the step fails. */
        EventOptions timeout(Duration timeout);
    }

    /** Options of a sub-saga step. */
    public interface SubSagaOptions extends StepOptions<SubSagaOptions> {
        /** The child's definition version (default: the newest when the child starts). */
        SubSagaOptions version(int version);

        /** The child's input mapping. */
        SubSagaOptions input(Map<String, ?> mapping);

        /** How long the child may run before the step fails. */
        SubSagaOptions timeout(Duration timeout);

        /** The compensation; its options follow. */
        CompensationOptions compensateWith(String participant, String commandType);
    }

    /** Options of a terminate step. */
    public interface TerminateOptions extends StepOptions<TerminateOptions> {
        /** The saga output when this step completes it. */
        TerminateOptions sagaOutput(Object mapping);

        /** The failure reason when this step fails the saga. */
        TerminateOptions reason(String reason);
    }

    /** Options of a compensation; they end the step. */
    public interface CompensationOptions extends Steps {
        /** The compensation's input mapping; it may read the step's own output. */
        CompensationOptions input(Map<String, ?> mapping);

        /** The compensation's retry policy (default {@link RetryPolicy#DEFAULT_COMPENSATION}). */
        CompensationOptions retry(RetryPolicy retry);

        /** How long one compensation attempt may go unanswered. */
        CompensationOptions responseTimeout(Duration timeout);
    }
}
