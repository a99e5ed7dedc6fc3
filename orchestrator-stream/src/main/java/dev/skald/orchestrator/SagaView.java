package dev.skald.orchestrator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.skald.saga.machine.SagaStatus;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * A saga as users see it: what {@code GET /sagas/{id}} answers, read with {@link SagaQueries}. Immutable: the JSON
 * values are copied in and out.
 *
 * @param sagaId         the saga id
 * @param definition     the name of its definition
 * @param version        the definition version it runs on, to its end
 * @param status         where the saga is
 * @param input          its input; JSON {@code null} when it has none (never Java null)
 * @param output         its output once completed; JSON {@code null} until then (never Java null)
 * @param error          why it failed or is compensating, or null
 * @param correlationKey the correlation key given at start, or null
 * @param parent         the parent saga of a child started by a sub-saga step, or null
 * @param createdAt      when it started
 * @param updatedAt      when it last changed
 * @param steps          its steps, in definition order
 */
public record SagaView(String sagaId, String definition, int version, SagaStatus status, JsonNode input,
                       JsonNode output, String error, String correlationKey, String parent, Instant createdAt,
                       Instant updatedAt, List<StepView> steps) {

    public SagaView {
        Objects.requireNonNull(sagaId, "sagaId can't be null");
        Objects.requireNonNull(definition, "definition can't be null");
        Objects.requireNonNull(status, "status can't be null");
        input = copyOrNull(input);
        output = copyOrNull(output);
        steps = List.copyOf(steps);
    }

    /** A copy of the input: the view stays as it was read. */
    @Override
    public JsonNode input() {
        return input.deepCopy();
    }

    /** A copy of the output: the view stays as it was read. */
    @Override
    public JsonNode output() {
        return output.deepCopy();
    }

    /** The step with this id, if the saga has one. */
    public java.util.Optional<StepView> step(String id) {
        return steps.stream().filter(s -> s.id().equals(id)).findFirst();
    }

    /**
     * The JSON of the REST API, exactly as {@code GET /sagas/{id}} answers it: {@code {sagaId, definition, version,
     * status, input, output, error, correlationKey, parent, createdAt, updatedAt, steps: [{id, status, attempts,
     * output, error}]}}, times in ISO-8601.
     */
    public ObjectNode toJson() {
        ObjectNode node = JsonNodeFactory.instance.objectNode();
        node.put("sagaId", sagaId);
        node.put("definition", definition);
        node.put("version", version);
        node.put("status", status.name());
        node.set("input", input());
        node.set("output", output());
        node.put("error", error);
        node.put("correlationKey", correlationKey);
        node.put("parent", parent);
        node.put("createdAt", text(createdAt));
        node.put("updatedAt", text(updatedAt));
        ArrayNode array = node.putArray("steps");
        steps.forEach(step -> array.add(step.toJson()));
        return node;
    }

    static String text(Instant instant) {
        return instant == null ? null : instant.toString();
    }

    static JsonNode copyOrNull(JsonNode json) {
        return json == null ? JsonNodeFactory.instance.nullNode() : json.deepCopy();
    }
}
