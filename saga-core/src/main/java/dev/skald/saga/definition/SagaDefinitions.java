package dev.skald.saga.definition;

import dev.skald.saga.internal.Plan;
import java.util.List;

/** Validation of saga definitions. */
public final class SagaDefinitions {
    private SagaDefinitions() {
    }

    /**
     * Every problem with a definition, each with its place: cycles, duplicate ids, unknown references in
     * {@code dependsOn} or expressions, unparseable expressions, non-positive durations, a compensation after the
     * pivot, and so on. Empty when the definition is valid.
     */
    public static List<Problem> validate(SagaDefinition definition) {
        try {
            Plan.of(definition);
            return List.of();
        } catch (InvalidDefinitionException e) {
            return e.problems();
        }
    }

    /**
     * The definition itself when it is valid.
     *
     * @throws InvalidDefinitionException listing every problem
     */
    public static SagaDefinition requireValid(SagaDefinition definition) {
        Plan.of(definition);
        return definition;
    }
}
