package dev.skald.saga.format;

import com.fasterxml.jackson.databind.JsonNode;
import dev.skald.saga.definition.FailurePolicy;
import dev.skald.saga.definition.SagaDefinition;
import dev.skald.saga.definition.StepDefinition;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/** Reads the workflow level of a Conductor workflow definition; {@link ConductorTasks} does its tasks. */
final class ConductorWorkflowReader {
    private ConductorWorkflowReader() {
    }

    /**
     * A definition converted from a workflow, with the places of its steps in the workflow.
     *
     * @param definition the converted definition, not yet validated
     * @param places     translates the places of semantic problems into the workflow's terms
     */
    record Conversion(SagaDefinition definition, ConductorPlaces places) {
    }

    static Conversion read(JsonNode root, Map<String, JsonNode> taskDefs, Problems problems) {
        Fields workflow = Fields.lenient(root, "", problems);
        String name = workflow.required("name", Values.TEXT).orElse("");
        int version = workflow.optional("version", Values.INT).orElse(1);
        Duration timeout = workflow.optional("timeoutSeconds", Values.SECONDS).filter(d -> !d.isZero()).orElse(null);
        JsonNode output = workflow.optional("outputParameters", Values.OBJECT).orElse(null);
        String failureWorkflow = workflow.optional("failureWorkflow", Values.TEXT).filter(w -> !w.isBlank())
                .orElse(null);
        Conductor.acceptOnlyTimeOutWf(workflow);
        ConductorTasks tasks = new ConductorTasks(new ConductorTaskDefs(taskDefs, problems),
                new ConductorEvent.Workflow(name, version), problems);
        tasks.sequence(workflow.elements("tasks", true).orElse(List.of()), "tasks", ConductorTasks.Flow.START);
        workflow.ignore("description", "ownerEmail", "ownerApp", "schemaVersion", "createTime", "updateTime",
                "createdBy", "updatedBy", "restartable", "workflowStatusListenerEnabled", "inputParameters", "tags");
        workflow.rejectUnlessEmpty("a Conductor workflow", "variables", "inputTemplate", "workflowStatusListenerSink");
        workflow.rejectUnknown("a Conductor workflow");
        return new Conversion(new SagaDefinition(name, version, tasks.steps(), timeout, failurePolicy(tasks.steps()),
                output, failureWorkflow), tasks.places());
    }

    /**
     * Conductor fails a workflow without undoing anything; a workflow whose tasks declare compensations (Skald's
     * extension) compensates instead.
     */
    private static FailurePolicy failurePolicy(List<StepDefinition> steps) {
        return steps.stream().anyMatch(step -> step.kind().compensation().isPresent()) ? FailurePolicy.COMPENSATE
                : FailurePolicy.FAIL;
    }
}
