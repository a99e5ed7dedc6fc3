package dev.skald.orchestrator;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.skald.saga.machine.SagaStatus;
import java.time.Instant;
import java.util.List;

/**
 * A saga that waits on a command for longer than asked, with no timer due to move it: its command or reply was most
 * likely lost (see {@code skald stuck --resend}).
 *
 * @param sagaId       the saga
 * @param definition   its definition
 * @param version      the definition's version
 * @param status       its status
 * @param updatedAt    when it last changed
 * @param waitingSince when the longest-waiting step was sent its command
 * @param steps        the steps waiting on a command since before the threshold
 */
public record StuckSaga(String sagaId, String definition, int version, SagaStatus status, Instant updatedAt,
                        Instant waitingSince, List<String> steps) {
    public StuckSaga {
        steps = List.copyOf(steps);
    }

    /** {@code {sagaId, definition, version, status, updatedAt, waitingSince, steps: [step ids]}}, as the REST API. */
    public ObjectNode toJson() {
        ObjectNode node = JsonNodeFactory.instance.objectNode();
        node.put("sagaId", sagaId);
        node.put("definition", definition);
        node.put("version", version);
        node.put("status", status.name());
        node.put("updatedAt", updatedAt == null ? null : updatedAt.toString());
        node.put("waitingSince", waitingSince.toString());
        steps.forEach(node.putArray("steps")::add);
        return node;
    }
}
