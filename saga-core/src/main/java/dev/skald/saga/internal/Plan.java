package dev.skald.saga.internal;

import dev.skald.saga.definition.SagaDefinition;
import dev.skald.saga.definition.StepDefinition;
import dev.skald.saga.expression.Condition;
import dev.skald.saga.expression.Template;
import java.util.BitSet;
import java.util.List;
import java.util.Optional;

/**
 * A validated definition with its expressions compiled and its graph indexed: what the state machine runs.
 * Immutable.
 */
public final class Plan {
    private final SagaDefinition definition;
    private final Graph graph;
    private final List<CompiledStep> steps;
    private final Template output;
    private final int pivot;

    Plan(SagaDefinition definition, Graph graph, List<CompiledStep> steps, Template output) {
        this.definition = definition;
        this.graph = graph;
        this.steps = List.copyOf(steps);
        this.output = output;
        this.pivot = indexOfPivot(definition);
    }

    /** Compiles a definition, throwing {@link dev.skald.saga.definition.InvalidDefinitionException} if invalid. */
    public static Plan of(SagaDefinition definition) {
        return PlanCompiler.compile(definition);
    }

    private static int indexOfPivot(SagaDefinition definition) {
        for (int i = 0; i < definition.steps().size(); i++) {
            if (definition.steps().get(i).pivot()) {
                return i;
            }
        }
        return -1;
    }

    public SagaDefinition definition() {
        return definition;
    }

    int size() {
        return steps.size();
    }

    CompiledStep step(int i) {
        return steps.get(i);
    }

    Optional<Integer> indexOf(String stepId) {
        return graph.indexOf(stepId);
    }

    int[] dependencies(int i) {
        return graph.dependencies(i);
    }

    BitSet descendants(int i) {
        return graph.descendants(i);
    }

    /** The saga output mapping, or null for the default (every completed step's output by id). */
    Template output() {
        return output;
    }

    /** Index of the pivot step, or -1. */
    int pivot() {
        return pivot;
    }

    /**
     * One step with its expressions compiled.
     *
     * @param definition   the step as defined
     * @param input        the compiled input mapping (for tasks and sub-sagas), or null
     * @param when         the compiled condition, or null
     * @param compensation the compiled compensation input, or null
     * @param extra        the compiled correlation key of an event wait, or the output of a terminate step, or null
     */
    record CompiledStep(StepDefinition definition, Template input, Condition when, Template compensation,
                        Template extra) {
        String id() {
            return definition.id();
        }
    }
}
