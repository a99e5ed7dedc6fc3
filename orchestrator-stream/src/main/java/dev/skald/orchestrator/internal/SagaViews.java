package dev.skald.orchestrator.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.skald.avro.SagaStateRecord;
import dev.skald.avro.StepStateRecord;
import java.time.Instant;

/** Renders stored sagas as the JSON of the REST contract. */
public final class SagaViews {
    private SagaViews() {
    }

    /**
     * {@code {sagaId, definition, version, status, input, output, error, createdAt, updatedAt,
     * steps: [{id, status, attempts, output, error}]}}.
     */
    public static ObjectNode render(SagaStateRecord r) {
        ObjectNode node = JsonNodeFactory.instance.objectNode();
        node.put("sagaId", r.getSagaId());
        node.put("definition", r.getDefinition());
        node.put("version", r.getVersion());
        node.put("status", r.getStatus());
        node.set("input", json(r.getInput()));
        node.set("output", json(r.getOutput()));
        node.put("error", r.getError());
        node.put("correlationKey", r.getCorrelationKey());
        node.put("parent", r.getParent());
        node.put("createdAt", text(r.getCreatedAt()));
        node.put("updatedAt", text(r.getUpdatedAt()));
        ArrayNode steps = node.putArray("steps");
        for (StepStateRecord s : r.getSteps()) {
            ObjectNode step = steps.addObject();
            step.put("id", s.getId());
            step.put("status", s.getStatus());
            step.put("attempts", s.getAttempt());
            step.set("output", json(s.getOutput()));
            step.put("error", s.getError());
        }
        return node;
    }

    private static JsonNode json(String text) {
        return text == null ? JsonNodeFactory.instance.nullNode() : JsonText.parse(text, "stored JSON");
    }

    private static String text(Instant instant) {
        return instant == null ? null : instant.toString();
    }

    /** Parses the history JSON kept in the history store. */
    public static JsonNode history(String stored) {
        return stored == null ? JsonNodeFactory.instance.arrayNode() : JsonText.parse(stored, "history");
    }
}
