package dev.skald.saga.definition;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One step of a saga.
 *
 * @param id        unique within the saga: letters, digits, {@code _} and {@code -}, starting with a letter
 * @param kind      what the step does
 * @param dependsOn the steps that must settle (complete, be skipped, or fail while optional) before this one starts;
 *                  steps with no path between them run in parallel
 * @param when      a condition ({@code ${input.express} == true}); when it is false the step is skipped; or null
 * @param optional  whether the step's failure leaves the saga running
 * @param pivot     whether this is the pivot: once it completes, later steps are retried forward and never
 *                  compensated
 */
public record StepDefinition(String id, StepKind kind, List<String> dependsOn, String when, boolean optional,
                             boolean pivot) {

    public StepDefinition {
        Objects.requireNonNull(id, "id can't be null");
        Objects.requireNonNull(kind, "kind can't be null");
        dependsOn = List.copyOf(dependsOn == null ? List.of() : dependsOn);
    }

    /** The condition, if any. */
    public Optional<String> condition() {
        return Optional.ofNullable(when);
    }

    /** The compensation, if the step has one. */
    public Optional<Compensation> compensation() {
        return kind.compensation();
    }
}
