package dev.skald.conductor.internal;

import com.fasterxml.jackson.databind.JsonNode;
import dev.skald.saga.machine.SagaStatus;
import dev.skald.saga.machine.StepStatus;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * A saga as the Conductor API reads it: the JSON of {@code GET /sagas/{id}} (which {@code SagaRouter} fetches from
 * whichever instance owns the saga), read back into values.
 */
record SagaRecord(String sagaId, String definition, int version, SagaStatus status, JsonNode input, JsonNode output,
                  String error, String correlationKey, String parent, Instant createdAt, Instant updatedAt,
                  List<Step> steps) {

    /** One step of the saga. */
    record Step(String id, StepStatus status, int attempts, JsonNode output, String error) {
    }

    /** The saga in this JSON ({@code SagaView.toJson()}). */
    static SagaRecord of(JsonNode saga) {
        List<Step> steps = new ArrayList<>();
        saga.path("steps").forEach(s -> steps.add(new Step(s.path("id").asText(),
                StepStatus.valueOf(s.path("status").asText()), s.path("attempts").asInt(), s.path("output"),
                text(s, "error"))));
        return new SagaRecord(saga.path("sagaId").asText(), saga.path("definition").asText(),
                saga.path("version").asInt(), SagaStatus.valueOf(saga.path("status").asText()), saga.path("input"),
                saga.path("output"), text(saga, "error"), text(saga, "correlationKey"), text(saga, "parent"),
                instant(saga, "createdAt"), instant(saga, "updatedAt"), List.copyOf(steps));
    }

    /** Its status as Conductor names it. */
    StatusMapping.WorkflowStatus workflowStatus() {
        return StatusMapping.workflow(status, error);
    }

    /** When it stopped, or null while it runs. */
    Instant endedAt() {
        return status.isTerminal() ? updatedAt : null;
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value == null || value.isNull() ? null : value.asText();
    }

    private static Instant instant(JsonNode node, String field) {
        String text = text(node, field);
        return text == null ? null : Instant.parse(text);
    }
}
