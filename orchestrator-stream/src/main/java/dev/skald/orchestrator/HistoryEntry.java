package dev.skald.orchestrator;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.Objects;

/**
 * One entry of a saga's kept history, as {@code GET /sagas/{id}/history} shows it.
 *
 * @param at      when it happened
 * @param type    what it records: {@code SAGA_TRANSITION}, {@code STEP_TRANSITION}, {@code INPUT_IGNORED},
 *                {@code COMMAND_RESENT} or {@code UNKNOWN} (the symbols of the history topic's schema)
 * @param stepId  the step, for a step transition; else null
 * @param attempt the step attempt, 0 when not about a step
 * @param from    the status before, or null
 * @param to      the status after, or null
 * @param trigger what caused it, or null
 * @param detail  anything else worth knowing (an error, why an input was ignored, a resent command's id), or null
 */
public record HistoryEntry(Instant at, String type, String stepId, int attempt, String from, String to,
                           String trigger, String detail) {

    public HistoryEntry {
        Objects.requireNonNull(at, "at can't be null");
        Objects.requireNonNull(type, "type can't be null");
    }

    /** {@code {at, type, stepId, attempt, from, to, trigger, detail}}, as in {@code GET /sagas/{id}/history}. */
    public ObjectNode toJson() {
        ObjectNode node = JsonNodeFactory.instance.objectNode();
        node.put("at", at.toString());
        node.put("type", type);
        node.put("stepId", stepId);
        node.put("attempt", attempt);
        node.put("from", from);
        node.put("to", to);
        node.put("trigger", trigger);
        node.put("detail", detail);
        return node;
    }

    /** The JSON array of {@code GET /sagas/{id}/history}: each entry's {@link #toJson()}, in order. */
    public static com.fasterxml.jackson.databind.node.ArrayNode toJson(java.util.List<HistoryEntry> history) {
        com.fasterxml.jackson.databind.node.ArrayNode array =
                com.fasterxml.jackson.databind.node.JsonNodeFactory.instance.arrayNode();
        history.forEach(entry -> array.add(entry.toJson()));
        return array;
    }
}
