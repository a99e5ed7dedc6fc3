package dev.skald.orchestrator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.skald.saga.machine.StepStatus;
import java.util.List;
import java.util.Objects;

/**
 * One step of a {@link SagaView}, as the REST API shows it.
 *
 * @param id       the step id, as in the definition
 * @param status   where the step is
 * @param attempts the attempts made so far (0 before the first)
 * @param output   its output; JSON {@code null} when it has none (never Java null)
 * @param error    why it failed, or null
 * @param elements a map step's elements in index order once it started; empty for other steps
 */
public record StepView(String id, StepStatus status, int attempts, JsonNode output, String error,
                       List<ElementView> elements) {

    public StepView {
        Objects.requireNonNull(id, "id can't be null");
        Objects.requireNonNull(status, "status can't be null");
        output = SagaView.copyOrNull(output);
        elements = elements == null ? List.of() : List.copyOf(elements);
    }

    /** A step that is not a map step. */
    public StepView(String id, StepStatus status, int attempts, JsonNode output, String error) {
        this(id, status, attempts, output, error, List.of());
    }

    /** A copy of the output: the view stays as it was read. */
    @Override
    public JsonNode output() {
        return output.deepCopy();
    }

    /**
     * {@code {id, status, attempts, output, error}}, as in {@code GET /sagas/{id}}, and {@code elements} for a map
     * step that started.
     */
    public ObjectNode toJson() {
        ObjectNode node = JsonNodeFactory.instance.objectNode();
        node.put("id", id);
        node.put("status", status.name());
        node.put("attempts", attempts);
        node.set("output", output());
        node.put("error", error);
        if (!elements.isEmpty()) {
            ArrayNode items = node.putArray("elements");
            elements.forEach(element -> items.add(element.toJson()));
        }
        return node;
    }
}
