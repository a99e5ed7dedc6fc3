package dev.skald.conductor.internal;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.skald.saga.json.Json;
import dev.skald.saga.machine.SagaStatus;
import dev.skald.saga.machine.StepStatus;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class WorkflowJsonTest {
    private static final Instant T0 = Instant.parse("2026-12-03T10:00:00Z");

    private final SagaRecord saga = new SagaRecord("s-1", "order", 2, SagaStatus.RUNNING,
            JsonNodeFactory.instance.objectNode().put("sku", "A"), JsonNodeFactory.instance.nullNode(), null, "c-1",
            null, T0, T0.plusSeconds(9), List.of(
                    new SagaRecord.Step("charge", StepStatus.COMPLETED, 1,
                            JsonNodeFactory.instance.objectNode().put("paid", true), null),
                    new SagaRecord.Step("ship", StepStatus.RUNNING, 2, JsonNodeFactory.instance.nullNode(), null),
                    new SagaRecord.Step("notify", StepStatus.PENDING, 0, JsonNodeFactory.instance.nullNode(), null)));

    @Test
    void showsEachAttemptAsATaskInTheOrderTheyWereScheduled() throws Exception {
        ArrayNode history = JsonNodeFactory.instance.arrayNode();
        step(history, 1, "charge", 1, "RUNNING");
        step(history, 2, "charge", 1, "COMPLETED");
        step(history, 3, "ship", 1, "RUNNING");
        step(history, 4, "ship", 1, "RETRY_WAIT").put("detail", "carrier down");
        step(history, 6, "ship", 2, "RUNNING");
        JsonNode document = Json.mapper().readTree("{\"name\": \"order\", \"version\": 2, \"tasks\": ["
                + "{\"name\": \"charge_card\", \"taskReferenceName\": \"charge\", \"type\": \"SIMPLE\"},"
                + "{\"name\": \"fork\", \"taskReferenceName\": \"f\", \"type\": \"FORK_JOIN\", \"forkTasks\": [[{\"name\":"
                + " \"ship_box\", \"taskReferenceName\": \"ship\", \"type\": \"SIMPLE\"}]]}]}");

        ObjectNode workflow = WorkflowJson.workflow(saga, history, Optional.of(document));

        assertThat(workflow.path("workflowName").asText()).isEqualTo("order");
        assertThat(workflow.path("workflowDefinition")).isEqualTo(document);
        assertThat(workflow.path("status").asText()).isEqualTo("RUNNING");
        assertThat(workflow.path("endTime").asLong()).isZero();
        JsonNode tasks = workflow.path("tasks");
        assertThat(tasks).hasSize(3);
        assertThat(tasks.findValuesAsText("taskId")).containsExactly("s-1:charge:1:action", "s-1:ship:1:action",
                "s-1:ship:2:action");
        assertThat(tasks.findValuesAsText("taskDefName")).containsExactly("charge_card", "ship_box", "ship_box");
        assertThat(tasks.findValuesAsText("status")).containsExactly("COMPLETED", "FAILED", "IN_PROGRESS");
        assertThat(tasks.findValuesAsText("seq")).containsExactly("1", "2", "3");
        assertThat(tasks.get(0).path("outputData").path("paid").asBoolean()).isTrue();
        assertThat(tasks.get(0).path("endTime").asLong()).isEqualTo(T0.plusSeconds(2).toEpochMilli());
        assertThat(tasks.get(1).path("reasonForIncompletion").asText()).isEqualTo("carrier down");
        assertThat(tasks.get(1).path("retried").asBoolean()).isTrue();
        assertThat(tasks.get(2).path("retryCount").asInt()).isEqualTo(1);
        assertThat(tasks.get(2).path("startTime").asLong()).isEqualTo(T0.plusSeconds(6).toEpochMilli());
        assertThat(tasks.get(2).path("endTime").asLong()).isZero();
    }

    @Test
    void aRestartedWorkflowListsOnlyTheTasksOfItsNewRun() {
        SagaRecord restarted = new SagaRecord("s-1", "order", 2, SagaStatus.RUNNING,
                JsonNodeFactory.instance.objectNode(), JsonNodeFactory.instance.nullNode(), null, null, null, T0,
                T0.plusSeconds(9), List.of(new SagaRecord.Step("charge", StepStatus.RUNNING, 3,
                        JsonNodeFactory.instance.nullNode(), null)));
        ArrayNode history = JsonNodeFactory.instance.arrayNode();
        step(history, 1, "charge", 1, "RETRY_WAIT");
        step(history, 2, "charge", 2, "COMPLETED");
        step(history, 3, "charge", 2, "PENDING").put("trigger", "RESTART");
        step(history, 4, "charge", 3, "RUNNING");

        JsonNode tasks = WorkflowJson.workflow(restarted, history, Optional.empty()).path("tasks");

        assertThat(tasks.findValuesAsText("taskId")).containsExactly("s-1:charge:3:action");
        assertThat(tasks.get(0).path("retryCount").asInt()).isZero();
        assertThat(tasks.get(0).path("seq").asInt()).isEqualTo(1);
    }

    @Test
    void summarisesAsASearchListsIt() {
        ObjectNode summary = WorkflowJson.summary(saga);
        assertThat(summary.path("workflowType").asText()).isEqualTo("order");
        assertThat(summary.path("version").asInt()).isEqualTo(2);
        assertThat(summary.path("startTime").asText()).isEqualTo("2026-12-03T10:00:00.000Z");
        assertThat(summary.path("endTime").isNull()).isTrue();
        assertThat(summary.path("input").asText()).isEqualTo("{\"sku\":\"A\"}");
        assertThat(summary.path("correlationId").asText()).isEqualTo("c-1");
    }

    private static ObjectNode step(ArrayNode history, int second, String stepId, int attempt, String to) {
        return history.addObject().put("at", T0.plusSeconds(second).toString()).put("type", "STEP_TRANSITION")
                .put("stepId", stepId).put("attempt", attempt).put("to", to);
    }
}
