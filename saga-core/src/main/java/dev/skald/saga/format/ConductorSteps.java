package dev.skald.saga.format;

import com.fasterxml.jackson.databind.JsonNode;
import dev.skald.saga.definition.HttpStep;
import dev.skald.saga.definition.JqStep;
import dev.skald.saga.definition.StepKind;
import java.time.Duration;
import java.util.Optional;

/**
 * The Conductor task types that become one Skald step each: SIMPLE, HTTP, JSON_JQ_TRANSFORM, KAFKA_PUBLISH, EVENT,
 * WAIT, TERMINATE and SUB_WORKFLOW. SIMPLE and HTTP tasks may carry a {@link ConductorCompensation compensation}.
 */
final class ConductorSteps {
    private final ConductorTaskDefs taskDefs;
    private final ConductorEvent.Workflow workflow;

    ConductorSteps(ConductorTaskDefs taskDefs, ConductorEvent.Workflow workflow) {
        this.taskDefs = taskDefs;
        this.workflow = workflow;
    }

    /** Whether tasks of this type become a step. */
    static boolean isStep(String type) {
        return switch (type) {
            case "SIMPLE", "HTTP", "JSON_JQ_TRANSFORM", "KAFKA_PUBLISH", "EVENT", "WAIT", "TERMINATE", "SUB_WORKFLOW"
                    -> true;
            default -> false;
        };
    }

    /**
     * The step kind of a task of one of the {@link #isStep} types.
     *
     * @param name the task's name
     * @param ref  the task's reference name, which is the step id
     */
    StepKind kindOf(String type, Fields task, String name, String ref) {
        return switch (type) {
            case "SIMPLE" -> simple(task, name);
            case "HTTP" -> http(task, name);
            case "JSON_JQ_TRANSFORM" -> jq(task, name);
            case "KAFKA_PUBLISH" -> ConductorKafka.publish(task.requiredObject("inputParameters"));
            case "EVENT" -> ConductorEvent.publish(task, workflow);
            case "WAIT" -> waitFor(task, ref);
            case "TERMINATE" -> terminate(task);
            case "SUB_WORKFLOW" -> subWorkflow(task);
            default -> throw new IllegalArgumentException("not a step type: " + type);
        };
    }

    /** A command to the participant named like the task, of the command type named like the task. */
    private StepKind simple(Fields task, String name) {
        ConductorTaskDefs.Settings settings = taskDefs.settingsOf(task, name);
        return new StepKind.Task(name, name, task.optional("inputParameters", Values.OBJECT).orElse(null),
                settings.retry(), settings.responseTimeout(), settings.timeout(),
                ConductorCompensation.of(task, taskDefs).orElse(null));
    }

    /**
     * An http step ({@link dev.skald.saga.definition.HttpStep}) from the task's {@code http_request}; the task
     * definition's retries and timeouts apply as to a SIMPLE task.
     */
    private StepKind http(Fields task, String name) {
        ConductorTaskDefs.Settings settings = taskDefs.settingsOf(task, name);
        Fields input = task.requiredObject("inputParameters");
        JsonNode request = ConductorHttp.request(input);
        return new StepKind.Task(HttpStep.PARTICIPANT, HttpStep.COMMAND, request, settings.retry(),
                settings.responseTimeout(), settings.timeout(), ConductorCompensation.of(task, taskDefs).orElse(null));
    }

    /**
     * A jq step ({@link JqStep}) running the task's {@code queryExpression} on its input parameters; the task
     * definition's retries and timeouts apply as to a SIMPLE task.
     */
    private StepKind jq(Fields task, String name) {
        ConductorTaskDefs.Settings settings = taskDefs.settingsOf(task, name);
        JsonNode command = ConductorJq.command(task.requiredObject("inputParameters"));
        return new StepKind.Task(JqStep.PARTICIPANT, JqStep.COMMAND, command, settings.retry(),
                settings.responseTimeout(), settings.timeout(), null);
    }

    /**
     * A map step from a FORK_JOIN_DYNAMIC that runs one task per element: {@code forkTaskName} names the SIMPLE task
     * (its participant and command type, its task definition's retries and timeouts), {@code forkTaskInputs} the
     * array of inputs, each element being one task's whole input. The older form, a list of different tasks computed
     * at run time ({@code dynamicForkTasksParam}), cannot be checked before the saga runs and is refused.
     */
    StepKind dynamicFork(Fields task) {
        boolean taskList = task.raw("dynamicForkTasksParam").filter(v -> !Values.isEmpty(v)).isPresent();
        task.raw("dynamicForkTasksInputParamName");
        if (taskList) {
            task.problem("dynamicForkTasksParam", Conductor.unsupported("a FORK_JOIN_DYNAMIC over a list of tasks "
                    + "computed at run time") + "; run one task per element with inputParameters.forkTaskName and "
                    + "forkTaskInputs (a Skald map step)");
        }
        Fields input = task.objectOrEmpty("inputParameters");
        String name = taskList ? input.optional("forkTaskName", Values.TEXT).orElse("")
                : input.required("forkTaskName", Values.TEXT).orElse("");
        String items = taskList ? input.optional("forkTaskInputs", Values.TEXT).orElse("${input}")
                : input.required("forkTaskInputs", Values.TEXT).orElse("${input}");
        input.ignore("dynamicTasks", "dynamicTasksInput");
        input.rejectUnknown("the inputParameters of a Conductor FORK_JOIN_DYNAMIC task (Skald reads forkTaskName and "
                + "forkTaskInputs)");
        ConductorTaskDefs.Settings settings = taskDefs.settingsOf(task, name);
        return new StepKind.ForEach(items, null, name, name, com.fasterxml.jackson.databind.node.TextNode.valueOf(
                "${item}"), settings.retry(), settings.responseTimeout(), settings.timeout(),
                ConductorCompensation.of(task, taskDefs).orElse(null));
    }

    /** A durable wait with {@code duration}; otherwise a wait for an event of the task's reference name. */
    private static StepKind waitFor(Fields task, String ref) {
        Fields input = task.objectOrEmpty("inputParameters");
        if (input.has("until")) {
            input.problem("until", Conductor.unsupported("WAIT until (a wall-clock deadline)") + "; use duration");
        }
        Optional<Duration> duration = input.optional("duration", Values.TEXT.then((text, problem) ->
                ConductorDurations.parse(text).orElseGet(() -> {
                    problem.accept(text.contains("${")
                            ? Conductor.unsupported("a WAIT duration computed from an expression ('" + text + "')")
                            + "; write a literal such as '10 seconds'"
                            : "'" + text + "' is not a duration; write for example '30 seconds', '5m' or '1d 2h'");
                    return null;
                })));
        input.rejectUnknown("the inputParameters of a Conductor WAIT task (Skald reads only duration)");
        return duration.<StepKind>map(StepKind.Wait::new).orElseGet(() -> new StepKind.AwaitEvent(ref, null, null));
    }

    private static StepKind terminate(Fields task) {
        Fields input = task.requiredObject("inputParameters");
        StepKind.Terminate.Outcome outcome = input
                .required("terminationStatus", Values.oneOf(StepKind.Terminate.Outcome.class))
                .orElse(StepKind.Terminate.Outcome.COMPLETED);
        StepKind kind = new StepKind.Terminate(outcome, input.optional("workflowOutput", Values.MAPPING).orElse(null),
                input.optional("terminationReason", Values.TEXT).orElse(null));
        input.rejectUnknown("the inputParameters of a Conductor TERMINATE task");
        return kind;
    }

    private static StepKind subWorkflow(Fields task) {
        Fields param = task.requiredObject("subWorkflowParam");
        String definition = param.required("name", Values.TEXT).orElse("");
        Integer version = param.optional("version", Values.INT).orElse(null);
        param.rejectUnlessEmpty("a Conductor subWorkflowParam", "taskToDomain", "workflowDefinition",
                "idempotencyKey", "idempotencyStrategy", "priority");
        param.rejectUnknown("a Conductor subWorkflowParam");
        return new StepKind.SubSaga(definition, version, task.optional("inputParameters", Values.OBJECT).orElse(null),
                null, null);
    }
}
