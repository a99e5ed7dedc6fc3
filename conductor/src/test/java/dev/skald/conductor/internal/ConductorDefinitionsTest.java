package dev.skald.conductor.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.netflix.conductor.common.config.ObjectMapperProvider;
import com.netflix.conductor.common.metadata.tasks.TaskDef;
import com.netflix.conductor.common.metadata.workflow.WorkflowDef;
import com.netflix.conductor.common.metadata.workflow.WorkflowTask;
import dev.skald.saga.definition.InvalidDefinitionException;
import dev.skald.saga.definition.SagaDefinition;
import dev.skald.saga.definition.StepKind;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ConductorDefinitionsTest {
    private static final ObjectMapper CLIENT = new ObjectMapperProvider().getObjectMapper();

    @Test
    void compilesWhatTheOfficialClientSendsWithoutPerAttemptResponseTimeouts() {
        TaskDef charge = new TaskDef("charge");
        charge.setRetryCount(2);
        charge.setTimeoutSeconds(600);
        charge.setResponseTimeoutSeconds(30);
        SagaDefinition saga = compile(workflow(), Map.of("charge", CLIENT.valueToTree(charge)));
        StepKind.Task task = (StepKind.Task) saga.step("charge_ref").orElseThrow().kind();
        assertThat(task.responseTimeout()).isNull();
        assertThat(task.timeout()).isEqualTo(Duration.ofSeconds(600));
        assertThat(task.retry().maxAttempts()).isEqualTo(3);
    }

    @Test
    void aDynamicForkCompilesToAMapStepWhoseElementsTheBridgeTimes() throws Exception {
        JsonNode workflow = CLIENT.readTree("""
                {"name": "thumbnails", "version": 1, "tasks": [
                  {"name": "fan_out", "taskReferenceName": "resize", "type": "FORK_JOIN_DYNAMIC",
                   "inputParameters": {"forkTaskName": "resize_image", "forkTaskInputs": "${workflow.input.images}"}},
                  {"name": "join", "taskReferenceName": "join", "type": "JOIN"}]}""");
        TaskDef resize = new TaskDef("resize_image");
        resize.setRetryCount(1);
        resize.setResponseTimeoutSeconds(30);

        SagaDefinition saga = compile(workflow, Map.of("resize_image", CLIENT.valueToTree(resize)));

        StepKind.ForEach each = (StepKind.ForEach) saga.step("resize").orElseThrow().kind();
        assertThat(each.participant()).isEqualTo("resize_image");
        assertThat(each.responseTimeout()).isNull();
        assertThat(each.retry().maxAttempts()).isEqualTo(2);
    }

    @Test
    void stillReportsAClientFieldThatWouldChangeSomething() {
        WorkflowDef def = workflow();
        def.setTimeoutSeconds(60);
        def.setTimeoutPolicy(WorkflowDef.TimeoutPolicy.ALERT_ONLY);
        assertThatThrownBy(() -> ConductorDefinitions.compile(CLIENT.valueToTree(def), Map.of()))
                .isInstanceOfSatisfying(InvalidDefinitionException.class, e -> assertThat(e.problems())
                        .extracting(p -> p.place()).containsExactly("timeoutPolicy"));
    }

    private static SagaDefinition compile(WorkflowDef def, Map<String, JsonNode> taskDefs) {
        return compile((JsonNode) CLIENT.valueToTree(def), taskDefs);
    }

    private static SagaDefinition compile(JsonNode def, Map<String, JsonNode> taskDefs) {
        try {
            return ConductorDefinitions.compile(def, taskDefs);
        } catch (InvalidDefinitionException e) {
            throw new AssertionError(e.problems().toString() + "\n" + def, e);
        }
    }

    private static WorkflowDef workflow() {
        WorkflowTask task = new WorkflowTask();
        task.setName("charge");
        task.setTaskReferenceName("charge_ref");
        task.setType("SIMPLE");
        WorkflowDef def = new WorkflowDef();
        def.setName("order_flow");
        def.setVersion(1);
        def.setOwnerEmail("team@example.com");
        def.setTasks(List.of(task));
        return def;
    }
}
