package dev.skald.saga.definition;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A saga: named, versioned steps forming a DAG, with a saga-level timeout, a failure policy and an output mapping.
 *
 * <p>A definition built by hand may be invalid; {@link SagaDefinitions#requireValid(SagaDefinition)} checks it, and
 * every public way of building one (builder, documents, Conductor) calls it.
 *
 * @param name          the definition name
 * @param version       the version, at least 1; a version never changes once applied
 * @param steps         the steps, in declaration order
 * @param timeout       how long the whole saga may run before it fails, or null for no limit
 * @param failurePolicy what to do when a step fails for good before the pivot
 * @param output        the output mapping, or null for an object holding every completed step's output by step id
 * @param failureSaga   the definition of a saga started when this one ends in failure (a Conductor
 *                      {@code failureWorkflow}), or null; see {@link FailureSagas}
 */
public record SagaDefinition(String name, int version, List<StepDefinition> steps, Duration timeout,
                             FailurePolicy failurePolicy, JsonNode output, String failureSaga) {

    /** A definition that starts no saga when it fails. */
    public SagaDefinition(String name, int version, List<StepDefinition> steps, Duration timeout,
                          FailurePolicy failurePolicy, JsonNode output) {
        this(name, version, steps, timeout, failurePolicy, output, null);
    }

    public SagaDefinition {
        Objects.requireNonNull(name, "name can't be null");
        steps = List.copyOf(Objects.requireNonNull(steps, "steps can't be null"));
        failurePolicy = failurePolicy == null ? FailurePolicy.COMPENSATE : failurePolicy;
        output = Mappings.copyOrNull(output);
    }

    /** The step with this id, if any. */
    public Optional<StepDefinition> step(String id) {
        return steps.stream().filter(s -> s.id().equals(id)).findFirst();
    }

    /** The saga-level timeout, if any. */
    public Optional<Duration> timeoutIfAny() {
        return Optional.ofNullable(timeout);
    }

    /** The output mapping, if any. */
    public Optional<JsonNode> outputMapping() {
        return Optional.ofNullable(output);
    }

    /** The saga started when this one ends in failure, if any. */
    public Optional<String> failureSagaIfAny() {
        return Optional.ofNullable(failureSaga);
    }

    /** The pivot step, if the saga has one. */
    public Optional<StepDefinition> pivot() {
        return steps.stream().filter(StepDefinition::pivot).findFirst();
    }
}
