package dev.skald.saga.format;

import com.fasterxml.jackson.databind.JsonNode;
import dev.skald.saga.definition.InvalidDefinitionException;
import dev.skald.saga.definition.Problem;
import dev.skald.saga.definition.SagaDefinition;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.UnaryOperator;

/**
 * Netflix Conductor workflow definitions (JSON), converted into a validated {@link SagaDefinition}.
 *
 * <p>Each SIMPLE task becomes a task step whose id is the task's {@code taskReferenceName} and whose participant and
 * command type are both the task's {@code name}; its {@code inputParameters} are the step's input mapping, as is,
 * since Skald reads {@code ${workflow.input.x}}, {@code ${ref.output.x}} and {@code ${ref.input.x}} like Conductor.
 * Tasks run one after another as in Conductor; FORK_JOIN/JOIN, SWITCH ({@code value-param}) and DECISION become
 * dependencies and {@code when} conditions; WAIT, TERMINATE and SUB_WORKFLOW become their Skald kinds. Retries and
 * timeouts come from the task definitions: inline ({@code taskDefinition}), else registered (passed by name), else
 * Conductor's defaults. A converted saga does not compensate: it stops {@code FAILED}, as a Conductor workflow does.
 * {@code docs/definitions.md} has the whole mapping.
 *
 * <p>Nothing is dropped silently: a task type, evaluator or field Skald cannot honour is reported, naming the task
 * and the feature ({@code tasks[3](charge_ref).type: Conductor task type DO_WHILE is not supported by Skald}).
 * Harmless metadata (description, owner, timestamps...) is ignored, as are fields that hold their empty default.
 * Every problem is reported at once, structural ones and those {@link dev.skald.saga.definition.SagaDefinitions#validate}
 * finds in the result, each at its place in the workflow. This class is stateless and thread-safe.
 */
public final class ConductorWorkflows {
    private ConductorWorkflows() {
    }

    /**
     * Converts a workflow definition whose SIMPLE tasks have inline definitions or Conductor's default settings.
     *
     * @throws InvalidDefinitionException listing every problem
     */
    public static SagaDefinition fromJson(String workflowJson) {
        return fromJson(workflowJson, Map.of());
    }

    /**
     * Converts a workflow definition, taking the settings of its SIMPLE tasks from the task definitions registered
     * separately in Conductor (a task's inline {@code taskDefinition} still comes first).
     *
     * @param workflowJson   the workflow definition, as Conductor's metadata API takes and returns it
     * @param taskDefsByName Conductor task definitions by task name
     * @throws InvalidDefinitionException listing every problem
     */
    public static SagaDefinition fromJson(String workflowJson, Map<String, JsonNode> taskDefsByName) {
        Objects.requireNonNull(workflowJson, "workflowJson can't be null");
        Objects.requireNonNull(taskDefsByName, "taskDefsByName can't be null");
        Problems problems = new Problems();
        Optional<ConductorWorkflowReader.Conversion> conversion = Syntax.JSON.parseObject(workflowJson, problems)
                .map(root -> ConductorWorkflowReader.read(root, taskDefsByName, problems));
        SagaDefinition built = conversion.map(ConductorWorkflowReader.Conversion::definition).orElse(null);
        String subject = "Conductor workflow" + (built == null || built.name().isEmpty() ? "" : " '" + built.name() + "'");
        UnaryOperator<Problem> places = conversion.<UnaryOperator<Problem>>map(ConductorWorkflowReader.Conversion::places)
                .orElse(UnaryOperator.identity());
        return problems.requireValid(built, subject, places);
    }
}
