package dev.skald.orchestrator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.skald.saga.machine.StepStatus;
import java.util.Objects;

/**
 * One step of a {@link SagaView}, as the REST API shows it.
 *
 * @param id       the step id, as in the definition
 * @param status   where the step is
 * @param attempts the attempts made so far (0 before the first)
 * @param output   its output; JSON {@code null} when it has none (never Java null)
 * @param error    why it failed, or null
 */
public record StepView(String id, StepStatus status, int attempts, JsonNode output, String error) {

    public StepView {
        Objects.requireNonNull(id, "id can't be null");
        Objects.requireNonNull(status, "status can't be null");
        output = SagaView.copyOrNull(output);
    }

    /** A copy of the output: the view stays as it was read. */
    @Override
    public JsonNode output() {
        return output.deepCopy();
    }

    /** {@code {id, status, attempts, output, error}}, as in {@code GET /sagas/{id}}. */
    public ObjectNode toJson() {
        ObjectNode node = JsonNodeFactory.instance.objectNode();
        node.put("id", id);
        node.put("status", status.name());
        node.put("attempts", attempts);
        node.set("output", output());
        node.put("error", error);
        return node;
    }
}
