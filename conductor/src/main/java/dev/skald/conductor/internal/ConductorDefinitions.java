package dev.skald.conductor.internal;

import com.fasterxml.jackson.databind.JsonNode;
import dev.skald.saga.definition.Compensation;
import dev.skald.saga.definition.SagaDefinition;
import dev.skald.saga.definition.StepDefinition;
import dev.skald.saga.definition.StepKind;
import dev.skald.saga.format.ConductorWorkflows;
import java.util.Map;

/**
 * Compiles a Conductor workflow definition into the saga Skald runs, with the registered task definitions.
 *
 * <p>The fields Conductor's client writes with no-op defaults are dropped first ({@link ClientDefaults}).
 *
 * <p>The rule for SIMPLE tasks: their workers poll through the poll bridge, which enforces
 * {@code responseTimeoutSeconds} and {@code pollTimeoutSeconds} itself (a lease that expires becomes a retriable
 * failure reply). So the compiled task steps have no per-attempt response timeout of their own; their retries and
 * their overall timeout ({@code timeoutSeconds}) stay.
 */
final class ConductorDefinitions {
    private ConductorDefinitions() {
    }

    /**
     * The saga of this workflow definition.
     *
     * @throws dev.skald.saga.definition.InvalidDefinitionException listing every problem, each at its place
     */
    static SagaDefinition compile(JsonNode workflowDef, Map<String, JsonNode> taskDefs) {
        Map<String, JsonNode> trimmed = new java.util.HashMap<>();
        taskDefs.forEach((name, def) -> trimmed.put(name, ClientDefaults.taskDef(def)));
        SagaDefinition converted = ConductorWorkflows.fromJson(ClientDefaults.workflow(workflowDef).toString(),
                trimmed);
        return new SagaDefinition(converted.name(), converted.version(),
                converted.steps().stream().map(ConductorDefinitions::withoutResponseTimeout).toList(),
                converted.timeoutIfAny().orElse(null), converted.failurePolicy(),
                converted.outputMapping().orElse(null), converted.failureSaga());
    }

    /**
     * A task step (or a map step, from a FORK_JOIN_DYNAMIC) and its compensation, whose attempts are timed by the poll
     * bridge, not by the saga.
     */
    private static StepDefinition withoutResponseTimeout(StepDefinition step) {
        StepKind bridged;
        if (step.kind() instanceof StepKind.Task task) {
            bridged = new StepKind.Task(task.participant(), task.commandType(), task.input(), task.retry(), null,
                    task.timeout(), untimed(task.undo()));
        } else if (step.kind() instanceof StepKind.ForEach each) {
            bridged = new StepKind.ForEach(each.items(), each.concurrency(), each.participant(), each.commandType(),
                    each.input(), each.retry(), null, each.timeout(), untimed(each.undo()));
        } else {
            return step;
        }
        return new StepDefinition(step.id(), bridged, step.dependsOn(), step.when(), step.optional(), step.pivot());
    }

    private static Compensation untimed(Compensation undo) {
        return undo == null ? null
                : new Compensation(undo.participant(), undo.commandType(), undo.input(), undo.retry(), null);
    }
}
