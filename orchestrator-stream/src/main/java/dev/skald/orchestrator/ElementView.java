package dev.skald.orchestrator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.skald.saga.machine.StepStatus;
import java.util.Objects;

/**
 * One element of a map step's {@link StepView}: where the command for one item of the list stands.
 *
 * @param index    the item's position in the list, from 0
 * @param status   where the element is (the statuses of steps, see docs/state-machine.md)
 * @param attempts the attempts it used in the current round (0 before the first)
 * @param output   its output once completed; JSON {@code null} when it has none (never Java null)
 * @param error    its latest error, or null
 */
public record ElementView(int index, StepStatus status, int attempts, JsonNode output, String error) {

    public ElementView {
        Objects.requireNonNull(status, "status can't be null");
        output = SagaView.copyOrNull(output);
    }

    /** A copy of the output: the view stays as it was read. */
    @Override
    public JsonNode output() {
        return output.deepCopy();
    }

    /** {@code {index, status, attempts, output, error}}, as in {@code GET /sagas/{id}}. */
    public ObjectNode toJson() {
        ObjectNode node = JsonNodeFactory.instance.objectNode();
        node.put("index", index);
        node.put("status", status.name());
        node.put("attempts", attempts);
        node.set("output", output());
        node.put("error", error);
        return node;
    }
}
